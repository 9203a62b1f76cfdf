// End-to-end tests of `kbsearch help [TOPIC]` (#11 part 4): it shows the
// top-level help, a subcommand's help, or a topic; an unknown topic is a
// usage error. The topics (cli/help_topics.cc) must agree with the
// documents: every query of README.md's query table is in `help query`,
// every JSON type of cli/README.md in `help json`, and every example
// command of a topic runs on fixtures/kb without an error.
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "kbsearch_run.h"

namespace fs = std::filesystem;

using namespace kbtest;  // NOLINT: the runner and readers of kbsearch_run.h

namespace {

const std::vector<std::string>& topics() {
  static const std::vector<std::string> kTopics = {"query", "links", "config", "json"};
  return kTopics;
}

// The lines of `markdown` from the heading `heading` to the next heading
// of its level or above.
std::vector<std::string> section(const std::string& markdown, const std::string& heading) {
  std::vector<std::string> lines;
  bool in = false;
  const std::string level = heading.substr(0, heading.find(' ') + 1);
  for (const std::string& line : printed_lines(markdown)) {
    if (line == heading) {
      in = true;
      continue;
    }
    if (in && line.rfind("#", 0) == 0 && line.find(' ') <= level.size() - 1) break;
    if (in) lines.push_back(line);
  }
  return lines;
}

// The `code` spans in the first cell of each table row of `lines`.
std::vector<std::string> first_column_code(const std::vector<std::string>& lines) {
  std::vector<std::string> spans;
  const std::regex code("`([^`]+)`");
  for (const std::string& line : lines) {
    if (line.rfind("| ", 0) != 0) continue;
    const std::string cell = line.substr(2, line.find(" | ") - 2);
    for (std::sregex_iterator it(cell.begin(), cell.end(), code), end; it != end; ++it) {
      spans.push_back((*it)[1]);
    }
  }
  return spans;
}

std::string project_file(const std::string& name) {
  return kbtest::read_file(fs::path(KB_FIXTURES_DIR).parent_path() / name);
}

}  // namespace

TEST_CASE("help shows the top-level help, a subcommand's, or a topic, from anywhere",
          "[cli][help]") {
  IndexedKb fx;
  for (const fs::path& cwd : {fx.dir.path(), fx.kb, fx.kb / "English"}) {
    INFO("cwd: " << cwd);
    const Run top = kbsearch({"help"}, cwd);
    CHECK(top.exit_code == 0);
    CHECK(top.out == kbsearch({"--help"}, cwd).out);
    for (const std::string& topic : topics()) CHECK(top.out.find("\n  " + topic) != std::string::npos);
    for (const char* sub : {"search", "backlinks", "index"}) {
      INFO("subcommand: " << sub);
      const Run help = kbsearch({"help", sub}, cwd);
      CHECK(help.exit_code == 0);
      CHECK(help.out == kbsearch({sub, "--help"}, cwd).out);
    }
    for (const std::string& topic : topics()) {
      INFO("topic: " << topic);
      const Run help = kbsearch({"help", topic}, cwd);
      CHECK(help.exit_code == 0);
      CHECK(help.out.rfind("kbsearch help " + topic + ": ", 0) == 0);
      CHECK(help.out.find("\nExamples\n  kbsearch ") != std::string::npos);
    }
  }
}

TEST_CASE("help with an unknown topic exits 2 naming it and listing the topics",
          "[cli][help]") {
  kbtest::TempDir dir;
  const Run run = kbsearch({"help", "querry"}, dir.path());
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("'querry'") != std::string::npos);
  CHECK(run.err.find("topics: query, links, config, json") != std::string::npos);
  CHECK(run.err.find("backlinks") != std::string::npos);
}

TEST_CASE("help query holds every query of README.md's table", "[cli][help]") {
  kbtest::TempDir dir;
  const std::string help = kbsearch({"help", "query"}, dir.path()).out;
  const std::vector<std::string> queries =
      first_column_code(section(project_file("README.md"), "### Queries"));
  REQUIRE(queries.size() >= 20);
  for (const std::string& query : queries) {
    INFO("query: " << query);
    CHECK(help.find(query) != std::string::npos);
  }
}

TEST_CASE("help json names every JSON type of cli/README.md", "[cli][help]") {
  kbtest::TempDir dir;
  const std::string help = kbsearch({"help", "json"}, dir.path()).out;
  const std::vector<std::string> lines =
      section(project_file("cli/README.md"), "## JSON output");
  std::vector<std::string> types;
  const std::regex type(R"re(`"type": "([a-z]+)"`)re");
  for (const std::string& line : lines) {
    for (std::sregex_iterator it(line.begin(), line.end(), type), end; it != end; ++it) {
      types.push_back((*it)[1]);
    }
  }
  REQUIRE(types.size() >= 5);
  for (const std::string& name : types) {
    INFO("type: " << name);
    CHECK(help.find("\"" + name + "\"") != std::string::npos);
  }
}

TEST_CASE("help config names every key of cli/README.md's table", "[cli][help]") {
  kbtest::TempDir dir;
  const std::string help = kbsearch({"help", "config"}, dir.path()).out;
  const std::vector<std::string> keys =
      first_column_code(section(project_file("cli/README.md"), "### Keys"));
  REQUIRE(keys.size() >= 6);
  for (const std::string& key : keys) {
    INFO("key: " << key);
    CHECK(help.find(key) != std::string::npos);
  }
}

TEST_CASE("every example of a help topic runs on fixtures/kb", "[cli][help]") {
  IndexedKb fx;
  for (const std::string topic : {"query", "links", "config", "json"}) {
    const std::string text = kbsearch({"help", topic}, fx.kb).out;
    std::vector<std::string> examples;
    bool in_examples = false;
    for (const std::string& line : printed_lines(text)) {
      if (line == "Examples") in_examples = true;
      if (in_examples && line.rfind("  kbsearch ", 0) == 0) examples.push_back(line.substr(11));
    }
    REQUIRE(examples.size() >= 3);
    for (const std::string& example : examples) {
      INFO("topic: " << topic << ", example: kbsearch " << example);
      // The part before a pipe: the example as kbsearch runs it.
      const std::string command = example.substr(0, example.find(" | "));
      const std::string shell = "cd " + shell_quote(fx.kb.string()) + " && " +
                                kbsearch_command({}) + " --no-refresh " + command +
                                " >/dev/null 2>&1";
      const int status = std::system(shell.c_str());
      REQUIRE(WIFEXITED(status));
      // 1 is a search that found nothing: a relative date may find none.
      CHECK(WEXITSTATUS(status) <= 1);
    }
  }
}
