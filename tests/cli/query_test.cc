// End-to-end tests of the query language's robustness (#11 part 4): a
// dangling operator or parenthesis is dropped with a warning, an empty
// field is an error, a query past a cost limit is refused naming the flag
// that raises it, relative dates count from today in local time, and
// `kbsearch help` shows the topics. Each runs from the knowledge base's
// root and from a folder below it, where kbsearch finds the root itself.
#include <ctime>
#include <set>
#include <filesystem>
#include <string>
#include <vector>

#include "kbsearch_run.h"

namespace fs = std::filesystem;

using namespace kbtest;  // NOLINT: the runner and readers of kbsearch_run.h

namespace {

// The folders a test runs kbsearch from: the root and one below it.
std::vector<fs::path> places(const fs::path& kb) { return {kb, kb / "English"}; }

}  // namespace

TEST_CASE("a dangling operator or parenthesis is dropped with a warning, not an empty result",
          "[cli][query]") {
  IndexedKb fx;
  struct Case {
    std::vector<std::string> words;
    std::vector<std::string> same_as;  // the query it must find the notes of
    const char* dropped;               // what the warning names
  };
  const Case cases[] = {
      {{"attention", "OR"}, {"attention"}, "OR"},
      {{"OR", "attention"}, {"attention"}, "OR"},
      {{"(attention", "OR"}, {"attention"}, "'('"},
      {{"attention)"}, {"attention"}, "')'"},
      {{"attention", "AND"}, {"attention"}, "AND"},
      {{"attention", "NOT"}, {"attention"}, "NOT"},
      {{"((attention", "softmax)"}, {"attention", "softmax"}, "'('"},
      {{"attention", "OR", "OR", "注意力"}, {"attention", "OR", "注意力"}, "OR"},
  };
  for (const fs::path& cwd : places(fx.kb)) {
    for (const Case& c : cases) {
      INFO("cwd: " << cwd << ", query: " << c.words.front() << " " << c.words.back());
      std::vector<std::string> args = {"-l", "--no-refresh"};
      args.insert(args.end(), c.words.begin(), c.words.end());
      std::vector<std::string> same = {"-l", "--no-refresh"};
      same.insert(same.end(), c.same_as.begin(), c.same_as.end());
      const Run run = kbsearch(args, cwd);
      const Run expected = kbsearch(same, cwd);
      REQUIRE(expected.exit_code == 0);
      CHECK(run.exit_code == 0);
      CHECK(run.out == expected.out);
      CHECK(run.err.find("kbsearch: warning: dropped") != std::string::npos);
      CHECK(run.err.find(c.dropped) != std::string::npos);
      CHECK(expected.err.empty());
    }
  }
  // A query of only an operator searches it as a word, saying so.
  const Run alone = kbsearch({"-c", "--no-refresh", "NOT"}, fx.kb);
  CHECK(alone.err.find("searched NOT as a word") != std::string::npos);
}

TEST_CASE("the JSON summary carries the query's warnings", "[cli][query]") {
  IndexedKb fx;
  const Run run = kbsearch({"--json", "--no-refresh", "attention", "OR"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  const std::vector<nlohmann::json> summary = data_of(run.out, "summary");
  REQUIRE(summary.size() == 1);
  CHECK(summary[0].at("warnings") ==
        nlohmann::json::array({"dropped the OR with nothing after it"}));
  CHECK_FALSE(data_of(run.out, "hit").empty());
  const Run clean = kbsearch({"--json", "--no-refresh", "attention"}, fx.kb);
  CHECK(data_of(clean.out, "summary").at(0).at("warnings") == nlohmann::json::array());
}

TEST_CASE("a field with no value is a usage error naming it", "[cli][query]") {
  IndexedKb fx;
  for (const fs::path& cwd : places(fx.kb)) {
    for (const std::string field : {"tag:", "title:", "path:", "heading:", "lang:", "date:"}) {
      INFO("cwd: " << cwd << ", query: " << field);
      const Run run = kbsearch({"--no-refresh", field}, cwd);
      CHECK(run.exit_code == 2);
      CHECK(run.out.empty());
      CHECK(run.err.find("kbsearch: " + field + ": the field has no value") != std::string::npos);
    }
  }
}

TEST_CASE("a query past a cost limit exits 2 naming the limit and its flag", "[cli][query]") {
  IndexedKb fx;
  std::string chinese;
  for (int i = 0; i < 30000; ++i) chinese += "注";
  std::vector<std::string> stars = {"--no-refresh"};
  for (int i = 0; i < 1000; ++i) stars.push_back("a*");
  // Within the length limit, past the terms limit.
  std::vector<std::string> fewer_stars = {"--no-refresh"};
  for (int i = 0; i < 300; ++i) fewer_stars.push_back("a*");
  struct Case {
    std::vector<std::string> args;
    const char* limit;
    const char* flag;
  };
  const Case cases[] = {
      {{"--no-refresh", chinese}, "max_query_chars", "--max-query-chars"},
      // 1,000 x "a*" is 3,000 characters: the length limit comes first.
      {stars, "max_query_chars", "--max-query-chars"},
      {fewer_stars, "max_query_terms", "--max-query-terms"},
      // fixtures/kb has more than one word starting with "a".
      {{"--no-refresh", "--max-wildcard-expansion", "1", "a*"},
       "max_wildcard_expansion",
       "--max-wildcard-expansion"},
  };
  for (const fs::path& cwd : places(fx.kb)) {
    for (const Case& c : cases) {
      INFO("cwd: " << cwd << ", limit: " << c.limit);
      const Run run = kbsearch(c.args, cwd);
      CHECK(run.exit_code == 2);
      CHECK(run.out.empty());
      CHECK(run.err.find("kbsearch: " + std::string(c.limit) + ": ") != std::string::npos);
      CHECK(run.err.find(std::string("raise the limit with ") + c.flag) != std::string::npos);
    }
  }
  // Raised, the same kind of query runs.
  std::string long_query;
  for (int i = 0; i < 120; ++i) long_query += "attention ";  // 1,200 characters
  CHECK(kbsearch({"--no-refresh", "-c", long_query}, fx.kb).exit_code == 2);
  CHECK(kbsearch({"--no-refresh", "-c", "--max-query-chars", "2000", long_query}, fx.kb)
            .out == "12\n");
  CHECK(kbsearch({"--no-refresh", "-c", "--max-wildcard-expansion", "0", "a*"}, fx.kb)
            .exit_code == 0);
}

namespace {

// The date `days_back` days before today, "YYYY-MM-DD", in the zone
// `utc_offset_hours` east of UTC (kbsearch gets it as the POSIX TZ string
// "KBS-14": 14 hours east).
std::string day_in_zone(int utc_offset_hours, int days_back) {
  const std::time_t then = std::time(nullptr) + utc_offset_hours * 3600 - days_back * 86400;
  std::tm tm{};
  gmtime_r(&then, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

}  // namespace

// Two zones 26 hours apart: at any moment one of them is on another day
// than UTC, so a date counted in UTC instead of local time fails here.
TEST_CASE("date:today, yesterday and 7d count in local time", "[cli][query]") {
  for (const int offset : {14, -12}) {
    const std::string tz = "TZ=KBS" + std::string(offset > 0 ? "-" : "+") +
                           std::to_string(offset > 0 ? offset : -offset);
    INFO(tz);
    kbtest::TempDir dir;
    const fs::path kb = dir.path() / "kb";
    const std::string today = day_in_zone(offset, 0);
    // Titles apart, so that no two are duplicates shown as one.
    for (const int back : {0, 1, 6, 7, 40}) {
      kbtest::write_file(kb / "days" / ("back" + std::to_string(back) + ".md"),
                         "---\ndate: " + day_in_zone(offset, back) + "\n---\n# dated " +
                             std::to_string(back) + "\n\nword\n");
    }
    REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path(), {tz}).exit_code == 0);
    const auto found = [&](const std::string& filter, const fs::path& cwd) {
      // By file stem: the same whether paths are from the root or from cwd.
      const Run run = kbsearch({"-l", "word", filter}, cwd, {tz});
      std::set<std::string> names;
      for (const std::string& line : printed_lines(run.out)) {
        names.insert(fs::path(line).stem().string());
      }
      return names;
    };
    using Names = std::set<std::string>;
    for (const fs::path& cwd : {kb, kb / "days"}) {
      INFO("cwd: " << cwd);
      CHECK(found("date:today", cwd) == Names{"back0"});
      CHECK(found("date:yesterday", cwd) == Names{"back1"});
      CHECK(found("date:7d", cwd) == Names{"back0", "back1", "back6"});
      CHECK(found("date:30d", cwd) == Names{"back0", "back1", "back6", "back7"});
      CHECK(found("date:..yesterday", cwd) == Names{"back1", "back6", "back7", "back40"});
      CHECK(found("-date:7d", cwd) == Names{"back7", "back40"});
    }
    if (day_in_zone(offset, 0) != today) WARN("the day changed during the test; rerun it");
  }
}

TEST_CASE("an unknown or ambiguous NOTE is a usage error in every command taking one",
          "[cli][query]") {
  IndexedKb fx;
  // A second note named Transformer, beside 大模型LM/文献精读/Transformer.md.
  kbtest::write_file(fx.kb / "其他/Transformer.md", "# Another Transformer\n");
  REQUIRE(kbsearch({"index", "--kb", fx.kb.string()}, fx.dir.path()).exit_code == 0);
  for (const fs::path& cwd : places(fx.kb)) {
    for (const char* command : {"note", "backlinks", "links", "mentions", "related"}) {
      INFO("cwd: " << cwd << ", command: " << command);
      const Run unknown = kbsearch({command, "--no-refresh", "JVM"}, cwd);
      CHECK(unknown.exit_code == 2);
      CHECK(unknown.err.find("JVM") != std::string::npos);
      if (std::string(command) == "note") continue;  // note takes a path only
      const Run ambiguous = kbsearch({command, "--no-refresh", "Transformer"}, cwd);
      CHECK(ambiguous.exit_code == 2);
      CHECK(ambiguous.err.find("其他/Transformer.md") != std::string::npos);
    }
  }
}

// A note with no date has its modification day, in local time as date:
// counts: edited at 04:00 in a zone 14 hours east of UTC is that zone's
// day, while UTC is still on the day before.
TEST_CASE("a note without a date is on the local day it was modified", "[cli][query]") {
  const std::string tz = "TZ=KBS-14";
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  kbtest::write_file(kb / "undated.md", "# undated\n\nword\n");
  const std::string touch = "touch -d '2024-10-20 14:00:00 UTC' " +
                            kbtest::shell_quote((kb / "undated.md").string());
  REQUIRE(std::system(touch.c_str()) == 0);
  REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path(), {tz}).exit_code == 0);
  CHECK(kbsearch({"--kb", kb.string(), "-l", "word", "date:2024-10-21"}, dir.path(), {tz})
            .out == "undated.md\n");
  CHECK(kbsearch({"--kb", kb.string(), "-c", "word", "date:2024-10-20"}, dir.path(), {tz})
            .out == "0\n");
}
