// Tests for query_parser.h: query text -> Xapian query and highlight needles.
//
// Expected queries are Xapian::Query::get_description() strings: "Z" marks a
// stemmed term, "@n" the term's position in the query, "PHRASE n" a phrase of
// n terms (the characters of one CJK run share one query position), and
// "0 * P..." a boolean filter.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <string>
#include <vector>

#include "search/query_parser.h"

namespace {

const Xapian::Database& empty_db() {
  static const Xapian::WritableDatabase db(std::string(),
                                           Xapian::DB_BACKEND_INMEMORY);
  return db;
}

// The query's description, or "ERR:<code>" when parsing fails.
std::string parse(std::string_view query, const kb::SearchOptions& options = {}) {
  auto parsed = kb::parse_query(query, empty_db(), options);
  if (!parsed) return std::string("ERR:") + kb::code_name(parsed.error().code());
  return parsed->query.get_description();
}

// "text/stem" for each Latin needle, "text*" for each CJK needle.
std::string needles_of(std::string_view query) {
  auto parsed = kb::parse_query(query, empty_db());
  if (!parsed) return std::string("ERR:") + kb::code_name(parsed.error().code());
  std::string out;
  for (const kb::Needle& n : parsed->needles) {
    if (!out.empty()) out += ' ';
    out += n.cjk ? n.text + "*" : n.text + "/" + n.stem;
    if (n.cjk && !n.stem.empty()) out += "(stem!)";
  }
  return out;
}

struct Row {
  const char* in;
  const char* out;
};

}  // namespace

TEST_CASE("English words are stemmed and ANDed", "[query_parser]") {
  const Row rows[] = {
      {"attention", "Query(Zattent@1)"},
      {"attention softmax", "Query((Zattent@1 AND Zsoftmax@2))"},
      {"  attention \t softmax  ", "Query((Zattent@1 AND Zsoftmax@2))"},
      {"models", "Query(Zmodel@1)"},
      // Queries are case folded like the index, so capitals are stemmed too.
      {"Attention", "Query(Zattent@1)"},
      {"ＡＴＴＥＮＴＩＯＮ", "Query(Zattent@1)"},
      {"Attention Softmax", "Query((Zattent@1 AND Zsoftmax@2))"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    CHECK(parse(row.in) == row.out);
  }
}

TEST_CASE("A CJK run of two or more characters is a phrase of its characters",
          "[query_parser]") {
  const Row rows[] = {
      {"模", "Query(模@1)"},
      {"模型", "Query((模@1 PHRASE 2 型@1))"},
      {"大模型", "Query((大@1 PHRASE 3 模@1 PHRASE 3 型@1))"},
      {"注意力 softmax",
       "Query(((注@1 PHRASE 3 意@1 PHRASE 3 力@1) AND Zsoftmax@2))"},
      {"attention权重", "Query((Zattent@1 AND (权@2 PHRASE 2 重@2)))"},
      {"LLM时代", "Query((Zllm@1 AND (时@2 PHRASE 2 代@2)))"},
      // A hyphen inside one word joins it, as in the title 一周总结与回顾-0:
      // it is not the NOT of "-0" once the run before it is quoted.
      {"回顾-0", "Query(((回@1 PHRASE 2 顾@1) AND 0@2))"},
      {"注意力 机制",
       "Query(((注@1 PHRASE 3 意@1 PHRASE 3 力@1) AND (机@2 PHRASE 2 制@2)))"},
      // Already quoted: kept as one phrase, not quoted twice.
      {"\"大模型时代\"",
       "Query((大@1 PHRASE 5 模@1 PHRASE 5 型@1 PHRASE 5 时@1 PHRASE 5 代@1))"},
      // Half-width Katakana is folded before the phrase is built.
      {"ｶﾅ", "Query((カ@1 PHRASE 2 ナ@1))"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    CHECK(parse(row.in) == row.out);
  }
}

TEST_CASE("Boolean operators and love/hate and phrases and wildcards work",
          "[query_parser]") {
  const Row rows[] = {
      {"attention OR softmax", "Query((Zattent@1 OR Zsoftmax@2))"},
      {"attention AND softmax", "Query((Zattent@1 AND Zsoftmax@2))"},
      {"attention NOT softmax", "Query((Zattent@1 AND_NOT Zsoftmax@2))"},
      {"attention -softmax", "Query((Zattent@1 AND_NOT Zsoftmax@2))"},
      {"\"attention is all\"",
       "Query((attention@1 PHRASE 3 is@2 PHRASE 3 all@3))"},
      {"attent*", "Query(WILDCARD SYNONYM attent)"},
      {"注意力 OR attention",
       "Query(((注@1 PHRASE 3 意@1 PHRASE 3 力@1) OR Zattent@2))"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    CHECK(parse(row.in) == row.out);
  }
}

TEST_CASE("title: and heading: search one field and path: filters a folder",
          "[query_parser]") {
  const Row rows[] = {
      {"title:transformer", "Query(ZStransform@1)"},
      {"title:Transformer", "Query(ZStransform@1)"},
      {"heading:softmax", "Query(ZXHsoftmax@1)"},
      {"title:注意力", "Query((S注@1 PHRASE 3 S意@1 PHRASE 3 S力@1))"},
      {"path:混合", "Query(0 * P混合)"},
      {"path:混合 attention", "Query((Zattent@1 FILTER P混合))"},
      {"path:项目进展记录", "Query(0 * P项目进展记录)"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    CHECK(parse(row.in) == row.out);
  }
}

// Folder terms are "P" + the folder as spelled on disk (document_builder.cc),
// so a path: value reaches the index exactly as written.
TEST_CASE("path: keeps the folder name as written", "[query_parser]") {
  const Row rows[] = {
      {"path:English", "Query(0 * PEnglish)"},
      {"path:English/", "Query(0 * PEnglish)"},
      {"path:English attention", "Query((Zattent@1 FILTER PEnglish))"},
      {"path:大模型LM", "Query(0 * P大模型LM)"},
      {"path:大模型LM/文献精读", "Query(0 * P大模型LM/文献精读)"},
      {"path:分子动力学机器学习/文献精读",
       "Query(0 * P分子动力学机器学习/文献精读)"},
      {"path:甲/乙", "Query(0 * P甲/乙)"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    CHECK(parse(row.in) == row.out);
  }
}

TEST_CASE("path: and tag: filters give no needles", "[query_parser]") {
  CHECK(needles_of("path:混合 attention") == "attention/attent");
  CHECK(needles_of("path:English 注意力") == "注意力*");
  CHECK(needles_of("tag:项目 注意力") == "注意力*");
  CHECK(needles_of("tag:LLM attention") == "attention/attent");
}

TEST_CASE("tag: is a boolean filter on the folded tag", "[query_parser]") {
  CHECK(parse("tag:LLM") == "Query(0 * Kllm)");
  CHECK(parse("注意力 tag:项目") ==
        "Query(((注@1 PHRASE 3 意@1 PHRASE 3 力@1) FILTER K项目))");
}

// The term is "XM" + the folded key, ':' and the folded value
// (store/property_term.h), as document_builder.cc indexes each front-matter
// scalar and list item.
TEST_CASE("fm.KEY:VALUE is a boolean filter on the folded key and value",
          "[query_parser]") {
  const Row rows[] = {
      {"fm.publish:true", "Query((<alldocuments> FILTER XMpublish:true))"},
      {"fm.Status:Draft", "Query((<alldocuments> FILTER XMstatus:draft))"},
      {"fm.status:ｄｒａｆｔ", "Query((<alldocuments> FILTER XMstatus:draft))"},
      {"fm.作者:张三", "Query((<alldocuments> FILTER XM作者:张三))"},
      {"fm.status:\"In Progress\"",
       "Query((<alldocuments> FILTER XMstatus:in progress))"},
      {"fm.status:\"a  b\" attention", "Query((Zattent@1 FILTER XMstatus:a b))"},
      {"attention fm.status:draft", "Query((Zattent@1 FILTER XMstatus:draft))"},
      {"attention -fm.status:draft", "Query((Zattent@1 AND_NOT XMstatus:draft))"},
      {"attention NOT fm.status:draft", "Query((Zattent@1 AND_NOT XMstatus:draft))"},
      {"fm.url:https://example.com",
       "Query((<alldocuments> FILTER XMurl:https://example.com))"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    CHECK(parse(row.in) == row.out);
  }
  CHECK(needles_of("fm.status:draft attention") == "attention/attent");
  for (const char* bad : {"fm.status:", "fm.:draft", "fm.status:\"\""}) {
    INFO("query: " << bad);
    auto parsed = kb::parse_query(bad, empty_db());
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code() == kb::Code::kParseError);
    CHECK(parsed.error().subject() == bad);
  }
}

TEST_CASE("A blank query is kInvalidArgument", "[query_parser]") {
  for (const char* in : {"", " ", "\t\n  "}) {
    INFO("query: '" << in << "'");
    auto parsed = kb::parse_query(in, empty_db());
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code() == kb::Code::kInvalidArgument);
  }
}

TEST_CASE("A query with nothing searchable is kParseError naming the query",
          "[query_parser]") {
  for (const char* in : {"+++", "(", "()", "\"\"", "-- ++"}) {
    INFO("query: " << in);
    auto parsed = kb::parse_query(in, empty_db());
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code() == kb::Code::kParseError);
    CHECK(parsed.error().subject() == in);
  }
}

// query_syntax.h: an operator with nothing on one side, a second operator
// in a row and a parenthesis without its partner are dropped, so that a
// half-typed query finds what its words find; each drop is a warning that
// names what was dropped.
TEST_CASE("Dangling operators and unpartnered parentheses are dropped with a warning",
          "[query_parser]") {
  struct WRow {
    const char* in;
    const char* out;
    std::vector<std::string> warnings;
  };
  const std::string no_after = "with nothing after it";
  const WRow rows[] = {
      {"attention OR", "Query(Zattent@1)", {"dropped the OR " + no_after}},
      {"OR attention", "Query(Zattent@1)", {"dropped the OR with nothing before it"}},
      {"(attention OR", "Query(Zattent@1)",
       {"dropped a '(' that is never closed", "dropped the OR " + no_after}},
      {"attention)", "Query(Zattent@1)", {"dropped a ')' that closes no '('"}},
      {"attention AND", "Query(Zattent@1)", {"dropped the AND " + no_after}},
      {"attention NOT", "Query(Zattent@1)", {"dropped the NOT " + no_after}},
      {"attention XOR", "Query(Zattent@1)", {"dropped the XOR " + no_after}},
      {"((a b)", "Query((Za@1 AND Zb@2))", {"dropped a '(' that is never closed"}},
      {"a OR OR b", "Query((Za@1 OR Zb@2))", {"dropped the OR right after OR"}},
      {"a AND OR b", "Query((Za@1 AND Zb@2))", {"dropped the OR right after AND"}},
      {"a NOT NOT b", "Query((Za@1 AND_NOT Zb@2))", {"dropped a second NOT"}},
      {"(a OR) b", "Query((Za@1 AND Zb@2))", {"dropped the OR " + no_after}},
      {"a () b", "Query((Za@1 AND Zb@2))", {"dropped an empty ()"}},
      {"a (OR) b", "Query((Za@1 AND Zb@2))",
       {"dropped the OR with nothing before it", "dropped an empty ()"}},
      {"a NOT OR b", "Query((Za@1 AND_NOT Zb@2))", {"dropped the OR right after NOT"}},
      {"注意力 OR", "Query((注@1 PHRASE 3 意@1 PHRASE 3 力@1))", {"dropped the OR " + no_after}},
      // Nothing but operators: the words themselves are what is looked for.
      {"NOT", "Query(Znot@1)", {"searched NOT as a word: the query has nothing else"}},
      {"OR AND",
       "Query((Zor@1 AND Zand@2))",
       {"searched OR as a word: the query has nothing else",
        "searched AND as a word: the query has nothing else"}},
      // Valid syntax stays as it is, without a warning.
      {"attention OR softmax", "Query((Zattent@1 OR Zsoftmax@2))", {}},
      {"(a OR b) c", "Query(((Za@1 OR Zb@2) AND Zc@3))", {}},
      {"NOT softmax", "Query((<alldocuments> AND_NOT Zsoftmax@1))", {}},
      {"a OR NOT b", "Query((Za@1 OR (<alldocuments> AND_NOT Zb@2)))", {}},
      // Inside quotes an operator or a parenthesis is a word of the phrase.
      {"\"a OR\" b", "Query(((a@1 PHRASE 2 or@2) AND Zb@3))", {}},
  };
  for (const WRow& row : rows) {
    INFO("query: " << row.in);
    auto parsed = kb::parse_query(row.in, empty_db());
    REQUIRE(parsed.has_value());
    CHECK(parsed->query.get_description() == row.out);
    CHECK(parsed->warnings == row.warnings);
    CHECK_FALSE(parsed->literal);
  }
}

TEST_CASE("A field with no value is kParseError naming it", "[query_parser]") {
  for (const char* in : {"tag:", "title:", "path:", "heading:", "lang:", "date:", "linkto:",
                         "linkedby:", "fm.status:", "-tag:", "attention tag:", "title: softmax"}) {
    INFO("query: " << in);
    auto parsed = kb::parse_query(in, empty_db());
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code() == kb::Code::kParseError);
    const std::string& subject = parsed.error().subject();
    CHECK(std::string(in).find(subject) != std::string::npos);
    CHECK(subject.back() == ':');
    CHECK(parsed.error().message().find("has no value") != std::string::npos);
  }
  // A colon in a word that is no field is text, as before.
  CHECK(parse("note:") == "Query(Znote@1)");
}

TEST_CASE("Valid syntax is not searched literally", "[query_parser]") {
  for (const char* in : {"attention", "attention OR softmax", "大模型",
                         "\"attention is\"", "title:x"}) {
    INFO("query: " << in);
    auto parsed = kb::parse_query(in, empty_db());
    REQUIRE(parsed.has_value());
    CHECK_FALSE(parsed->literal);
  }
}

// query_parser.h names `"unbalanced` as invalid syntax whose words are
// searched literally: as plain ANDed, stemmed words.
TEST_CASE("An unbalanced quote falls back to the literal words",
          "[query_parser]") {
  auto parsed = kb::parse_query("\"unbalanced quote", empty_db());
  REQUIRE(parsed.has_value());
  CHECK(parsed->literal);
  CHECK(parsed->query.get_description() == "Query((Zunbalanc@1 AND Zquot@1))");
}

TEST_CASE("An unbalanced quote still finds its word", "[query_parser]") {
  auto parsed = kb::parse_query("\"unbalanced", empty_db());
  REQUIRE(parsed.has_value());
  const std::string d = parsed->query.get_description();
  CHECK(d.find("unbalanc") != std::string::npos);
}

TEST_CASE("Needles come from the positive words normalised",
          "[query_parser]") {
  const Row rows[] = {
      {"attention", "attention/attent"},
      {"Attention Softmax", "attention/attent softmax/softmax"},
      {"ＡＴＴＥＮＴＩＯＮ", "attention/attent"},
      {"注意力", "注意力*"},
      {"attention权重", "attention/attent 权重*"},
      {"LLM时代", "llm/llm 时代*"},
      {"title:Transformer", "transformer/transform"},
      {"heading:注意力", "注意力*"},
      {"attention NOT softmax", "attention/attent"},
      {"attention -softmax", "attention/attent"},
      {"attention OR softmax", "attention/attent softmax/softmax"},
      {"\"Self-Attention\"", "self/self attention/attent"},
      {"GPT-4", "gpt4/gpt4"},  // joined, as it is searched
      {"\"GPT-4\"", "gpt/gpt 4/4"},  // a phrase keeps the words apart
      {"attent*", "attent/attent"},
      {"models", "models/model"},
      {"query", "query/queri"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    CHECK(needles_of(row.in) == row.out);
  }
}

TEST_CASE("C++ and C# stay whole needles", "[query_parser]") {
  auto parsed = kb::parse_query("C++ C#", empty_db());
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->needles.size() == 2);
  CHECK(parsed->needles[0].text == "c++");
  CHECK(parsed->needles[1].text == "c#");
  CHECK_FALSE(parsed->needles[0].cjk);
}

TEST_CASE("Wildcards expand against the database", "[query_parser]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document d1;
  d1.add_term("attention");
  d1.add_term("attentive");
  db.add_document(d1);
  Xapian::Document d2;
  d2.add_term("softmax");
  db.add_document(d2);

  auto parsed = kb::parse_query("attent*", db);
  REQUIRE(parsed.has_value());
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed->query);
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 1);
  CHECK(*mset.begin() == 1);
}

// Xapian 1.4.22's parser throws on this plain sequence of words (found by
// bench/known_item.py on a weekly's title); the literal search still works.
TEST_CASE("A query Xapian's parser rejects falls back to its words",
          "[query_parser]") {
  auto parsed = kb::parse_query("科技爱好者周刊 第 350 期 java 三十周年", empty_db());
  REQUIRE(parsed.has_value());
  CHECK(parsed->literal);
  const std::string description = parsed->query.get_description();
  for (const char* term : {"科@", "第@", "350@", "期@", "java@", "周@"}) {
    INFO(term);
    CHECK(description.find(term) != std::string::npos);
  }
}

// kb::QueryLimits: a query past a limit is refused before it is searched,
// with the limit's name as the subject.
TEST_CASE("A query past a cost limit is kInvalidArgument naming the limit", "[query_parser]") {
  struct LRow {
    std::string in;
    const char* limit;  // "" when it is within the limits
  };
  kb::SearchOptions options;
  options.limits.max_chars = 10;
  options.limits.max_terms = 0;
  const LRow char_rows[] = {
      // Characters, not bytes: ten Chinese characters are 30 bytes.
      {"注意力机制注意力机制", ""},
      {"注意力机制注意力机制注", "max_query_chars"},
      {"abcdefghijk", "max_query_chars"},
      {"a b c d e ", ""},  // white space counts
      {"a b c d e f", "max_query_chars"},
  };
  const auto check = [&options](const LRow& row) {
    INFO("query: " << row.in);
    auto parsed = kb::parse_query(row.in, empty_db(), options);
    if (std::string(row.limit).empty()) {
      CHECK(parsed.has_value());
      return;
    }
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code() == kb::Code::kInvalidArgument);
    CHECK(parsed.error().subject() == row.limit);
    CHECK(parsed.error().message().find("over the limit of") != std::string::npos);
  };
  for (const LRow& row : char_rows) check(row);
  options.limits.max_chars = 0;
  options.limits.max_terms = 4;
  const LRow rows[] = {
      {"a b c d", ""},
      {"a b c d e", "max_query_terms"},
      // A Chinese word is a phrase of its characters: each is a term.
      {"注意力机制", "max_query_terms"},
      {"注意力", ""},
      {"a* b* c*", ""},
  };
  for (const LRow& row : rows) check(row);
  // 0 is no limit.
  options.limits = kb::QueryLimits{0, 0, 0};
  CHECK(kb::parse_query(std::string(3000, 'a') + " " + std::string(3000, 'b'), empty_db(),
                        options)
            .has_value());
}

TEST_CASE("A prefix* that stands for more words than the limit throws as it runs",
          "[query_parser]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  for (const char* word : {"attend", "attention", "attentive", "attest"}) doc.add_term(word);
  db.add_document(doc);
  const auto run = [&db](std::size_t max_expansion) {
    kb::SearchOptions options;
    options.limits.max_expansion = max_expansion;
    auto parsed = kb::parse_query("att*", db, options);
    REQUIRE(parsed.has_value());
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed->query);
    return enquire.get_mset(0, 10).size();
  };
  CHECK(run(4) == 1);
  CHECK_THROWS_AS(run(3), Xapian::WildcardError);
  CHECK(run(0) == 1);
}

// Relative dates (relative_dates.h) from SearchOptions::today, so that the
// test does not read the clock: 2024-03-13 is a Wednesday in a leap year.
TEST_CASE("date: takes relative periods counted from today", "[query_parser]") {
  kb::SearchOptions options;
  options.today = "2024-03-13";
  const auto range = [](const char* first, const char* last) {
    return std::string("Query((<alldocuments> FILTER VALUE_RANGE 2 ") + first + " " + last +
           "))";
  };
  const Row rows[] = {
      {"date:today", "20240313 20240313"},
      {"date:TODAY", "20240313 20240313"},
      {"date:yesterday", "20240312 20240312"},
      // Weeks start on Monday (ISO 8601).
      {"date:this-week", "20240311 20240317"},
      {"date:last-week", "20240304 20240310"},
      {"date:this-month", "20240301 20240331"},
      {"date:last-month", "20240201 20240229"},
      {"date:this-year", "20240101 20241231"},
      {"date:last-year", "20230101 20231231"},
      // The last N days, today included.
      {"date:7d", "20240307 20240313"},
      {"date:1d", "20240313 20240313"},
      {"date:30d", "20240213 20240313"},
      // As either end of a range.
      {"date:last-month..today", "20240201 20240313"},
      {"date:2024-01..yesterday", "20240101 20240312"},
  };
  for (const Row& row : rows) {
    INFO("query: " << row.in);
    const std::string out = row.out;
    CHECK(parse(row.in, options) == range(out.substr(0, 8).c_str(), out.substr(9).c_str()));
  }
  CHECK(parse("date:7d..", options) == "Query((<alldocuments> FILTER VALUE_GE 2 20240307))");
  CHECK(parse("-date:today attention", options) == "Query((Zattent@1 AND_NOT VALUE_RANGE 2 "
                                                   "20240313 20240313))");
  for (const char* bad : {"date:tomorrow", "date:0d", "date:7x", "date:d", "date:-1d",
                          "date:today..2024-01-01"}) {
    INFO("query: " << bad);
    CHECK(parse(bad, options) == "ERR:parse-error");
  }
}

TEST_CASE("Relative periods cross months and years", "[query_parser]") {
  kb::SearchOptions options;
  options.today = "2024-01-01";  // a Monday
  CHECK(parse("date:yesterday", options).find("20231231 20231231") != std::string::npos);
  CHECK(parse("date:this-week", options).find("20240101 20240107") != std::string::npos);
  CHECK(parse("date:last-week", options).find("20231225 20231231") != std::string::npos);
  CHECK(parse("date:last-month", options).find("20231201 20231231") != std::string::npos);
  options.today = "2024-03-17";  // a Sunday: the week is the one it ends
  CHECK(parse("date:this-week", options).find("20240311 20240317") != std::string::npos);
  options.today = "2024-03-31";
  CHECK(parse("date:last-month", options).find("20240201 20240229") != std::string::npos);
}
