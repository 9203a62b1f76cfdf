// `--format TEMPLATE`: search hits and note lists printed as a template of
// {placeholders}, one line an item, from the root and from a subfolder.
#include <set>
#include <string>
#include <vector>

#include "kbsearch_run.h"

namespace {

using kbtest::as_set;
using kbtest::data_of;
using kbtest::IndexedKb;
using kbtest::kbsearch;
using kbtest::printed_lines;
using kbtest::Run;
using kbtest::split;
namespace fs = std::filesystem;

// Where the format tests run kbsearch: the root, and a folder inside it.
std::vector<fs::path> folders_of(const IndexedKb& fx) { return {fx.kb, fx.kb / "日记"}; }

}  // namespace

TEST_CASE("search --format prints each hit's fields as the template says", "[cli][format]") {
  IndexedKb fx;
  for (const fs::path& cwd : folders_of(fx)) {
    INFO("from " << cwd);
    Run run = kbsearch({"--format", "{path}\\t{title}\\t{date}\\t{tags}", "注意力"}, cwd);
    REQUIRE(run.exit_code == 0);
    Run files = kbsearch({"-l", "注意力"}, cwd);
    Run json = kbsearch({"--json", "注意力"}, cwd);
    const std::vector<nlohmann::json> hits = data_of(json.out, "hit");
    const std::vector<std::string> lines = printed_lines(run.out);
    const std::vector<std::string> paths = printed_lines(files.out);
    REQUIRE(lines.size() == hits.size());
    REQUIRE(lines.size() == paths.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::vector<std::string> fields = split(lines[i], '\t');
      REQUIRE(fields.size() >= 3);
      CHECK(fields[0] == paths[i]);
      CHECK(fields[1] == hits[i].at("title").get<std::string>());
      CHECK(fields[2] == hits[i].at("date").get<std::string>());
      std::string tags;
      for (const auto& tag : hits[i].at("tags")) {
        tags += (tags.empty() ? "" : ", ") + tag.get<std::string>();
      }
      CHECK((fields.size() == 4 ? fields[3] : "") == tags);
    }
  }
}

TEST_CASE("search --format's {abs_path} names the file and {column} is --vimgrep's",
          "[cli][format]") {
  IndexedKb fx;
  Run run = kbsearch({"--format", "{abs_path}\\n{path}:{line}:{column}", "径向分布函数"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  Run vimgrep = kbsearch({"--vimgrep", "径向分布函数"}, fx.kb);
  std::set<std::string> positions;
  for (const std::string& line : printed_lines(vimgrep.out)) {
    positions.insert(line.substr(0, line.find(':', line.find(':', line.find(':') + 1) + 1)));
  }
  const std::vector<std::string> lines = printed_lines(run.out);
  REQUIRE(lines.size() % 2 == 0);
  REQUIRE(!lines.empty());
  for (std::size_t i = 0; i < lines.size(); i += 2) {
    INFO(lines[i + 1]);
    const fs::path abs = lines[i];
    CHECK(abs.is_absolute());
    CHECK(fs::equivalent(abs, fx.kb / lines[i + 1].substr(0, lines[i + 1].find(':'))));
    CHECK(positions.count(lines[i + 1]) == 1);
  }
}

TEST_CASE("search --format escapes: tab, newline, backslash and braces", "[cli][format]") {
  IndexedKb fx;
  Run files = kbsearch({"-l", "--limit", "1", "注意力"}, fx.kb);
  Run run = kbsearch({"--limit", "1", "--format", "\\{{path}\\}\\t\\\\\\n-", "注意力"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out == "{" + printed_lines(files.out).at(0) + "}\t\\\n-\n");
}

TEST_CASE("A --format with an unknown placeholder is a usage error that names it",
          "[cli][format]") {
  IndexedKb fx;
  struct Case {
    std::vector<std::string> args;  // with TEMPLATE for the --format value
    std::string bad;                // a placeholder this command does not fill
  };
  const Case cases[] = {
      {{"search", "--format", "TEMPLATE", "注意力"}, "{nope}"},
      {{"orphans", "--format", "TEMPLATE"}, "{nope}"},
      // A hit's fields are not a note's: an orphan has no {score}.
      {{"orphans", "--format", "TEMPLATE"}, "{score}"},
      {{"backlinks", "Transformer", "--format", "TEMPLATE"}, "{nope}"},
      {{"mentions", "Transformer", "--format", "TEMPLATE"}, "{nope}"},
  };
  const auto with = [](std::vector<std::string> args, const std::string& format) {
    for (std::string& a : args) {
      if (a == "TEMPLATE") a = format;
    }
    return args;
  };
  for (const Case& c : cases) {
    INFO(c.args[0] << " " << c.bad);
    Run good = kbsearch(with(c.args, "{path}"), fx.kb);
    CHECK(good.exit_code == 0);
    Run run = kbsearch(with(c.args, "{path} " + c.bad), fx.kb);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("--format: unknown placeholder " + c.bad) != std::string::npos);
  }
  for (const char* bad : {"{path", "path}", "\\x", "end\\"}) {
    INFO(bad);
    Run run = kbsearch({"--format", bad, "注意力"}, fx.kb);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
  }
}

TEST_CASE("orphans --format gives each orphan's title and date", "[cli][format]") {
  IndexedKb fx;
  for (const fs::path& cwd : folders_of(fx)) {
    INFO("from " << cwd);
    Run plain = kbsearch({"orphans"}, cwd);
    Run run = kbsearch({"orphans", "--format", "{path}\\t{title}\\t{date}"}, cwd);
    REQUIRE(run.exit_code == 0);
    const std::vector<std::string> paths = printed_lines(plain.out);
    const std::vector<std::string> lines = printed_lines(run.out);
    REQUIRE(lines.size() == paths.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::vector<std::string> fields = split(lines[i], '\t');
      REQUIRE(fields.size() == 3);
      CHECK(fields[0] == paths[i]);
      const nlohmann::json note =
          data_of(kbsearch({"note", "--json", paths[i]}, cwd).out, "note").at(0);
      CHECK(fields[1] == note.at("title").get<std::string>());
      CHECK(!fields[2].empty());  // the front-matter date, else the modification time
    }
  }
}

TEST_CASE("backlinks --format gives each linking note with its line", "[cli][format]") {
  IndexedKb fx;
  for (const fs::path& cwd : folders_of(fx)) {
    INFO("from " << cwd);
    Run json = kbsearch({"backlinks", "--json", "Transformer"}, cwd);
    Run run = kbsearch({"backlinks", "Transformer", "--format", "{path}:{line}\\t{title}"}, cwd);
    REQUIRE(run.exit_code == 0);
    std::vector<std::string> expected;
    for (const nlohmann::json& link : data_of(json.out, "link")) {
      // {path} is shown from the current folder, as the text output shows it.
      const fs::path source = link.at("source_abs_path").get<std::string>();
      expected.push_back(source.lexically_relative(fs::canonical(cwd)).generic_string() + ":" +
                         std::to_string(link.at("line").get<int>()));
    }
    std::vector<std::string> printed;
    for (const std::string& line : printed_lines(run.out)) {
      const std::vector<std::string> fields = split(line, '\t');
      REQUIRE(fields.size() == 2);
      CHECK(!fields[1].empty());  // every fixture note has a title
      printed.push_back(fields[0]);
    }
    CHECK(printed == expected);
    CHECK(!printed.empty());
  }
}

TEST_CASE("a tab inside a field is printed escaped so that tab-separated columns stay put",
          "[cli][format]") {
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  kbtest::write_file(kb / "t.md", "---\ntitle: \"left\\tright\"\n---\n# x\n\nwombat\n");
  REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path()).exit_code == 0);
  const Run run =
      kbsearch({"--kb", kb.string(), "--format", "{title}\\t{path}", "wombat"}, dir.path());
  REQUIRE(run.exit_code == 0);
  CHECK(run.out == "left\\tright\tt.md\n");
}
