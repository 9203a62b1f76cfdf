// Tests for Searcher::search(const kb::Query&) (kb/query.h, the structured
// parse in query_parser.cc), on an indexed copy of fixtures/kb.
//
// A part of a Query must find what the string query writing it in its
// syntax finds, and a value must never be read as syntax: both are checked
// against the string search, whose own results the searcher tests check
// against the fixture's files.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "kb/query.h"
#include "kb/searcher.h"
#include "indexed_fixture.h"

namespace {

kbtest::IndexedFixture& fixture() {
  static kbtest::IndexedFixture indexed;
  return indexed;
}

const kb::Searcher& searcher() {
  static const kb::Searcher s = fixture().searcher();
  return s;
}

kb::SearchOptions every_note() {
  kb::SearchOptions options;
  options.limit = kb::SearchOptions::kNoLimit;
  options.collapse = false;
  options.today = "2024-11-20";
  return options;
}

template <typename QueryType>
std::set<std::string> paths_of(const QueryType& query) {
  auto results = searcher().search(query, every_note());
  if (!results) FAIL("search failed: " << results.error().to_string());
  std::set<std::string> paths;
  for (const kb::Hit& hit : results->hits) paths.insert(hit.path);
  return paths;
}

struct Equivalent {
  const char* what;
  kb::Query query;
  const char* written;  // the same search in query syntax
};

}  // namespace

TEST_CASE("each part of a Query finds what its field finds in a written query") {
  const std::vector<Equivalent> cases = {
      {"words", {.words = {"attention", "softmax"}}, "attention softmax"},
      {"a Chinese word as a substring", {.words = {"注意力"}}, "注意力"},
      {"a phrase", {.phrases = {"softmax temperature"}}, "\"softmax temperature\""},
      {"any of the words", {.any_words = {"BERT", "扩散"}}, "BERT OR 扩散"},
      {"words left out",
       {.words = {"attention"}, .without_words = {"softmax"}},
       "attention -softmax"},
      {"a tag", {.tags = {"LLM"}}, "tag:LLM"},
      {"a tag and a word", {.words = {"注意力"}, .tags = {"LLM"}}, "注意力 tag:LLM"},
      {"a tag spelt with '#'", {.tags = {"#llm"}}, "tag:LLM"},
      {"a tag left out", {.words = {"attention"}, .without_tags = {"LLM"}}, "attention -tag:LLM"},
      {"a folder", {.folder = "大模型LM/"}, "path:大模型LM"},
      {"a folder written from here", {.folder = "./大模型LM//"}, "path:大模型LM"},
      {"the root as a folder", {.words = {"attention"}, .folder = "/"}, "attention"},
      {"a date range", {.date_from = "2024-01", .date_to = "2024-12"}, "date:2024-01..2024-12"},
      {"a relative date", {.date_from = "last-month"}, "date:last-month.."},
      {"a language", {.words = {"attention"}, .language = "en"}, "attention lang:en"},
      {"a property", {.properties = {{"title", "Reading List"}}}, "fm.title:\"Reading List\""},
      {"links to a note", {.links_to = "BERT"}, "linkto:BERT"},
      {"written text with parts",
       {.text = "attention OR 注意力", .folder = "English"},
       "(attention OR 注意力) path:English"},
  };
  for (const Equivalent& c : cases) {
    SECTION(c.what) {
      const std::set<std::string> written = paths_of(std::string_view(c.written));
      CHECK_FALSE(written.empty());  // else the comparison shows nothing
      CHECK(paths_of(c.query) == written);
    }
  }
}

TEST_CASE("nothing in a Query's value is query syntax") {
  SECTION("an operator is a word") {
    // Written, "attention OR" drops the dangling OR; as a value, "OR" is a
    // word that no note of the fixture has on its own next to attention.
    const std::set<std::string> with_or = paths_of(kb::Query{.words = {"attention", "OR"}});
    CHECK(with_or.size() < paths_of(std::string_view("attention")).size());
  }
  SECTION("a field written in a word is text, not a filter") {
    // lang:zh as a filter keeps every Chinese note; as words, it asks for
    // "lang" and "zh" in the text, which no note of the fixture has.
    CHECK_FALSE(paths_of(std::string_view("lang:zh")).empty());
    CHECK(paths_of(kb::Query{.words = {"lang:zh"}}).empty());
  }
  SECTION("a nested tag mixing scripts is one tag, written or not") {
    // Written, tag:大模型LM/生成模型 was read as tag:大模型 and words; the
    // fixture's one note with that tag is in its front matter.
    const std::set<std::string> expected = {"大模型LM/Diffusion扩散模型.md"};
    CHECK(paths_of(std::string_view("tag:大模型LM/生成模型")) == expected);
    CHECK(paths_of(kb::Query{.tags = {"大模型LM/生成模型"}}) == expected);
  }
  SECTION("a tag with a space, which the written syntax cannot say") {
    const std::set<std::string> tagged = paths_of(kb::Query{.tags = {"Daily Talk"}});
    CHECK(tagged == std::set<std::string>{"posts/003_6d4cd4a21d58f612.md"});
  }
  SECTION("a quote does not open a phrase, and '*' is no wildcard") {
    CHECK(paths_of(kb::Query{.words = {"\"attention"}}) == paths_of(std::string_view("attention")));
    auto star = searcher().search(kb::Query{.words = {"att*"}}, every_note());
    REQUIRE(star);
    CHECK(star->hits.size() < paths_of(std::string_view("att*")).size());
  }
}

TEST_CASE("a Query's errors name the part at fault") {
  struct Bad {
    const char* what;
    kb::Query query;
    kb::Code code;
    const char* subject;
  };
  const std::vector<Bad> cases = {
      {"nothing to search", {}, kb::Code::kInvalidArgument, ""},
      {"a date that is not one", {.date_from = "soon"}, kb::Code::kParseError, "date_from"},
      {"a range in one end, which is no syntax",
       {.date_to = "2023..2024"},
       kb::Code::kParseError,
       "date_to"},
      {"a range backwards",
       {.date_from = "2024", .date_to = "2023"},
       kb::Code::kParseError,
       "date_from..date_to"},
      {"a language unknown", {.language = "fr"}, kb::Code::kParseError, "lang:fr"},
      {"a property without a value",
       {.properties = {{"status", ""}}},
       kb::Code::kParseError,
       "fm.status:"},
      {"written text with an empty field", {.text = "tag:"}, kb::Code::kParseError, "tag:"},
      {"an unknown note to link to", {.links_to = "no-such-note"}, kb::Code::kParseError, ""},
  };
  for (const Bad& c : cases) {
    SECTION(c.what) {
      auto results = searcher().search(c.query, every_note());
      REQUIRE_FALSE(results);
      CHECK(results.error().code() == c.code);
      if (*c.subject != '\0') CHECK(results.error().subject() == c.subject);
    }
  }
  SECTION("the characters of all values count against the limit") {
    kb::SearchOptions options = every_note();
    options.limits.max_chars = 12;  // "attention" and "LLM"
    auto results = searcher().search(kb::Query{.words = {"attention"}, .tags = {"LLM"}}, options);
    CHECK(results);
    results =
        searcher().search(kb::Query{.words = {"attention", "softmax"}, .tags = {"LLM"}}, options);
    REQUIRE_FALSE(results);
    CHECK(results.error().subject() == "max_query_chars");
  }
}

TEST_CASE("a Query's hits are ranked and highlighted as a written query's") {
  auto structured =
      searcher().search(kb::Query{.words = {"注意力"}, .tags = {"LLM"}}, every_note());
  auto written = searcher().search(std::string_view("注意力 tag:LLM"), every_note());
  REQUIRE(structured);
  REQUIRE(written);
  REQUIRE(structured->hits.size() == written->hits.size());
  for (std::size_t i = 0; i < written->hits.size(); ++i) {
    CHECK(structured->hits[i].path == written->hits[i].path);
    const kb::Snippet& snippet = structured->hits[i].snippet;
    REQUIRE_FALSE(snippet.highlights.empty());
    const kb::Highlight& first = snippet.highlights.front();
    CHECK(snippet.text.substr(first.begin, first.end - first.begin) == "注意力");
  }
}
