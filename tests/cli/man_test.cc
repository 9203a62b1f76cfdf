// Tests of the man page kbsearch(1) the build writes with help2man (#12
// part 4): man renders it without a warning; it has the sections a reader
// looks for; and what it lists comes from the program: every subcommand
// `kbsearch --help` lists, with its options, and every field of `kbsearch
// help query` in its QUERIES section.
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "shell_run.h"

namespace fs = std::filesystem;

using namespace kbtest;  // NOLINT: the runners and readers of shell_run.h

namespace {

const fs::path kManPage = KB_MAN_PAGE;

Run render(const fs::path& page) {
  return run_script("sh", "MANWIDTH=80 man --warnings -l " + shell_quote(page.string()) + "\n",
                    fs::current_path());
}

// The lines of the rendered page from the section heading `name` (at the
// left margin) to the next one.
std::string section(const std::string& page, const std::string& name) {
  std::string text;
  bool in = false;
  for (const std::string& line : printed_lines(page)) {
    const bool heading = !line.empty() && line[0] != ' ';
    if (heading) in = line == name;
    if (in) text += line + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("the man page renders without warnings and has its sections", "[cli][man]") {
  REQUIRE(fs::exists(kManPage));
  const Run man = render(kManPage);
  INFO("stderr: " << man.err);
  CHECK(man.exit_code == 0);
  CHECK(man.err.empty());
  for (const char* name : {"NAME", "SYNOPSIS", "OPTIONS", "COMMANDS", "QUERIES", "EXIT STATUS",
                           "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"}) {
    INFO("section: " << name);
    CHECK_FALSE(section(man.out, name).empty());
  }
  CHECK(section(man.out, "NAME").find("kbsearch - search and link Markdown knowledge bases") !=
        std::string::npos);
  const std::string exit_status = section(man.out, "EXIT STATUS");
  for (const char* code : {"\n       0 ", "\n       1 ", "\n       2 ", "\n       3 "}) {
    CHECK(exit_status.find(code) != std::string::npos);
  }
  // The gzipped copy that is installed is the same page.
  const fs::path gz = kManPage.string() + ".gz";
  REQUIRE(fs::exists(gz));
  CHECK(render(gz).out == man.out);
}

TEST_CASE("the man page has every subcommand with its options, from the program",
          "[cli][man]") {
  const std::string commands = section(render(kManPage).out, "COMMANDS");
  const std::vector<std::string> subcommands = listed_subcommands();
  REQUIRE(subcommands.size() > 10);
  const std::regex option(R"((^|[ ,])(--[a-z][a-z0-9-]*))");
  for (const std::string& sub : subcommands) {
    INFO("subcommand: " << sub);
    CHECK(commands.find("   kbsearch " + sub + " [OPTIONS]") != std::string::npos);
    const Run help = kbsearch({sub, "--help"}, fs::current_path());
    for (const std::string& line : printed_lines(help.out)) {
      if (line.rfind("  --", 0) != 0 || line.rfind("  --help", 0) == 0) continue;
      const std::string name = line.substr(2, line.find(' ', 2) - 2);
      INFO("option: " << name);
      CHECK(commands.find("       " + name) != std::string::npos);
    }
  }
}

TEST_CASE("the QUERIES section names every field of `kbsearch help query`", "[cli][man]") {
  const std::string queries = section(render(kManPage).out, "QUERIES");
  const Run help = kbsearch({"help", "query"}, fs::current_path());
  REQUIRE(help.exit_code == 0);
  // The fields are those of its part "Fields and filters", up to "Limits".
  const std::size_t from = help.out.find("\nFields and filters\n");
  const std::size_t to = help.out.find("\nLimits");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  const std::string filters = help.out.substr(from, to - from);
  // A field is a word before ':' and a value: `tag:LLM`; `fm.KEY:` stands
  // for every fm.publish:, fm.status:.
  const std::regex field(R"((^|[ ,(-])([a-z]+)(\.[a-z]+)?:(?=\S))");
  std::set<std::string> fields;
  for (std::sregex_iterator it(filters.begin(), filters.end(), field), end; it != end; ++it) {
    fields.insert((*it)[3].matched ? (*it)[2].str() + ".KEY" : (*it)[2].str());
  }
  REQUIRE(fields.count("linkedby") == 1);
  for (const std::string& name : fields) {
    INFO("field: " << name << ":");
    CHECK(queries.find(name + ":") != std::string::npos);
  }
}

TEST_CASE("the version line is what help2man reads: the name and the version", "[cli][man]") {
  const Run version = kbsearch({"--version"}, fs::current_path());
  CHECK(version.exit_code == 0);
  CHECK(std::regex_match(version.out, std::regex("kbsearch [0-9]+\\.[0-9]+\\.[0-9]+\n")));
}

// help2man writes the page in its locale's encoding: in C it turns each
// Chinese character into '?'. The examples of cli/kbsearch.h2m are mostly
// Chinese, so each Chinese word there must reach the rendered page.
TEST_CASE("the man page keeps the Chinese of its hand-written part", "[cli][man]") {
  const fs::path source = fs::path(KB_FIXTURES_DIR).parent_path() / "cli/kbsearch.h2m";
  const std::string h2m = read_file(source);
  // Runs of CJK ideographs (U+4E00..U+9FFF: three bytes led by E4..E9).
  std::set<std::string> words;
  for (std::size_t i = 0; i + 2 < h2m.size();) {
    std::size_t end = i;
    while (end + 2 < h2m.size() && static_cast<unsigned char>(h2m[end]) >= 0xE4 &&
           static_cast<unsigned char>(h2m[end]) <= 0xE9) {
      end += 3;
    }
    if (end > i) words.insert(h2m.substr(i, end - i));
    i = end > i ? end : i + 1;
  }
  REQUIRE(words.size() >= 3);
  const Run page = render(kManPage);
  REQUIRE(page.exit_code == 0);
  for (const std::string& word : words) {
    INFO("word of kbsearch.h2m: " << word);
    CHECK(page.out.find(word) != std::string::npos);
  }
}
