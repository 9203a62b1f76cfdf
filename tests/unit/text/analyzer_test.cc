// Tests for analyzer.h: which terms, positions and wdfs text becomes.
//
// Expected strings list terms as "term[pos,pos]" (positional) or "term"
// (no positions), in any order: the helpers sort both sides.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "text/analyzer.h"
#include "test_util.h"

namespace {

using kbtest::sorted_words;

// All terms of `doc`, sorted, as "term[p,p]" or "term".
std::string terms_with_positions(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (!out.empty()) out += ' ';
    out += *t;
    std::string pos;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      if (!pos.empty()) pos += ',';
      pos += std::to_string(*p);
    }
    if (!pos.empty()) out += '[' + pos + ']';
  }
  return out;
}

// All terms of `doc`, sorted, as "term:wdf".
std::string terms_with_wdf(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (!out.empty()) out += ' ';
    out += *t + ':' + std::to_string(t.get_wdf());
  }
  return out;
}

// All terms of `doc` without positions or wdf.
std::string term_names(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (!out.empty()) out += ' ';
    out += *t;
  }
  return out;
}

Xapian::Document analyze(const std::string& text, Xapian::termcount wdf = 1,
                         const std::string& prefix = "") {
  kb::Analyzer analyzer;
  Xapian::Document doc;
  analyzer.set_document(doc);
  analyzer.index_text(text, wdf, prefix);
  return doc;
}

Xapian::termpos first_position(const Xapian::Document& doc,
                               const std::string& term) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (*t == term && t.positionlist_begin() != t.positionlist_end()) {
      return *t.positionlist_begin();
    }
  }
  return 0;
}

}  // namespace

TEST_CASE("CJK text becomes positional unigrams and position-less bigrams",
          "[analyzer]") {
  struct Row {
    const char* in;
    const char* terms;
  };
  const Row rows[] = {
      {"久", "久[1]"},
      {"久有", "久[1] 久有 有[2]"},
      {"久有归天", "久[1] 久有 有[2] 有归 归[3] 归天 天[4]"},
      // A repeated character keeps every position; the bigram is one term.
      {"何去何从", "何[1,3] 何去 去[2] 去何 何从 从[4]"},
      // Kana and Hangul are n-grammed as well.
      {"かな", "か[1] かな な[2]"},
      {"한국", "한[1] 한국 국[2]"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(terms_with_positions(analyze(row.in)) == sorted_words(row.terms));
  }
}

TEST_CASE("English words keep the exact form with positions plus a Z stem",
          "[analyzer]") {
  struct Row {
    const char* in;
    const char* terms;
  };
  const Row rows[] = {
      {"attention", "attention[1] Zattent"},
      {"Attention models", "attention[1] Zattent models[2] Zmodel"},
      {"softmax softmax", "softmax[1,2] Zsoftmax"},
      // Numbers are not stemmed.
      {"GPT 4", "gpt[1] Zgpt 4[2]"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(terms_with_positions(analyze(row.in)) == sorted_words(row.terms));
  }
}

TEST_CASE("Mixed text is split by script and positions run on across runs",
          "[analyzer]") {
  struct Row {
    const char* in;
    const char* terms;
  };
  const Row rows[] = {
      {"attention权重", "attention[1] Zattent 权[2] 权重 重[3]"},
      {"权重attention", "权[1] 权重 重[2] attention[3] Zattent"},
      {"LLM时代 decoder", "llm[1] Zllm 时[2] 时代 代[3] decoder[4] Zdecod"},
      {"自注意力 self", "自[1] 自注 注[2] 注意 意[3] 意力 力[4] self[5] Zself"},
      // No bigram across a script change: 重 and 力 are not neighbours
      // in one CJK run.
      {"权重x力", "权[1] 权重 重[2] x[3] Zx 力[4]"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(terms_with_positions(analyze(row.in)) == sorted_words(row.terms));
  }
}

TEST_CASE("Text is NFKC case folded before indexing", "[analyzer]") {
  struct Row {
    const char* in;
    const char* terms;
  };
  const Row rows[] = {
      {"ＡＢＣ", "abc[1] Zabc"},
      {"ABC", "abc[1] Zabc"},
      {"ＡＴＴＥＮＴＩＯＮ", "attention[1] Zattent"},
      {"Straße", "strasse[1] Zstrass"},
      // Half-width Katakana folds to full width.
      {"ｶﾅ", "カ[1] カナ ナ[2]"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(terms_with_positions(analyze(row.in)) == sorted_words(row.terms));
  }
}

TEST_CASE("wdf_inc is added for each occurrence", "[analyzer]") {
  CHECK(terms_with_wdf(analyze("attention attention 权重", 8)) ==
        sorted_words("attention:16 Zattent:16 权:8 权重:8 重:8"));
  CHECK(terms_with_wdf(analyze("model", 1)) == sorted_words("model:1 Zmodel:1"));
}

TEST_CASE("A prefix adds a prefixed copy of every term", "[analyzer]") {
  // The unprefixed terms get wdf_inc, the prefixed copy wdf 1.
  CHECK(terms_with_wdf(analyze("Deep 模型", 4, "S")) ==
        sorted_words("deep:4 Zdeep:4 模:4 模型:4 型:4 "
                     "Sdeep:1 ZSdeep:1 S模:1 S模型:1 S型:1"));
  CHECK(term_names(analyze("heading", 1, "XH")) ==
        sorted_words("heading Zhead XHheading ZXHhead"));
}

// analyzer.cc: "The prefixed copy reuses the positions of the unprefixed one."
TEST_CASE("The prefixed copy has the positions of the unprefixed terms",
          "[analyzer]") {
  CHECK(terms_with_positions(analyze("Deep 模型", 1, "S")) ==
        sorted_words("deep[1] Zdeep 模[2] 模型 型[3] "
                     "Sdeep[1] ZSdeep S模[2] S模型 S型[3]"));
}

TEST_CASE("A prefixed field does not shift the positions of the next text",
          "[analyzer]") {
  kb::Analyzer analyzer;
  Xapian::Document doc;
  analyzer.set_document(doc);
  analyzer.index_text("alpha beta", 1, "S");
  analyzer.index_text("gamma", 1);
  // gamma follows beta directly: the prefixed copy took no positions of the
  // unprefixed stream.
  CHECK(first_position(doc, "alpha") == 1);
  CHECK(first_position(doc, "beta") == 2);
  CHECK(first_position(doc, "gamma") == 3);
}

TEST_CASE("end_field leaves a gap so phrases do not span two fields",
          "[analyzer]") {
  kb::Analyzer analyzer;
  Xapian::Document doc;
  analyzer.set_document(doc);
  analyzer.index_text("alpha", 1);
  analyzer.end_field();
  analyzer.index_text("beta 词", 1);

  const Xapian::termpos alpha = first_position(doc, "alpha");
  const Xapian::termpos beta = first_position(doc, "beta");
  const Xapian::termpos ci = first_position(doc, "词");
  CHECK(alpha == 1);
  CHECK(beta > alpha + 1);
  CHECK(ci == beta + 1);  // within one field, positions are consecutive

  // And as a search: the phrase "alpha beta" must not match.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(doc);
  Xapian::Enquire enquire(db);
  const std::vector<std::string> across = {"alpha", "beta"};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, across.begin(),
                                  across.end(), 2));
  CHECK(enquire.get_mset(0, 10).size() == 0);
  const std::vector<std::string> within = {"beta", "词"};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, within.begin(),
                                  within.end(), 2));
  CHECK(enquire.get_mset(0, 10).size() == 1);
}

TEST_CASE("set_document starts positions again at 1", "[analyzer]") {
  kb::Analyzer analyzer;
  Xapian::Document first;
  analyzer.set_document(first);
  analyzer.index_text("one two three", 1);
  analyzer.end_field();

  Xapian::Document second;
  analyzer.set_document(second);
  analyzer.index_text("中文", 1);
  CHECK(terms_with_positions(second) == sorted_words("中[1] 中文 文[2]"));
  // The first document is not touched by indexing into the second.
  CHECK(terms_with_positions(first) ==
        sorted_words("one[1] Zone two[2] Ztwo three[3] Zthree"));
}

TEST_CASE("Empty and punctuation-only text adds no terms", "[analyzer]") {
  CHECK(terms_with_positions(analyze("")) == "");
  CHECK(terms_with_positions(analyze("，。！ ... --")) == "");
}

TEST_CASE("Every two-character substring of a CJK sentence is a term",
          "[analyzer]") {
  // Bigrams are what make any substring searchable (toolchain notes §4).
  const std::u32string chars = U"大模型时代普通人的科研何去何从";
  const Xapian::Document doc = analyze("大模型时代普通人的科研何去何从");
  const std::string names = " " + term_names(doc) + " ";
  for (std::size_t i = 0; i + 1 < chars.size(); ++i) {
    std::string bigram;
    for (char32_t c : chars.substr(i, 2)) {
      // Encode as UTF-8 (all BMP, 3 bytes).
      bigram += static_cast<char>(0xE0 | (c >> 12));
      bigram += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      bigram += static_cast<char>(0x80 | (c & 0x3F));
    }
    INFO("bigram " << bigram);
    CHECK(names.find(" " + bigram + " ") != std::string::npos);
  }
  // Two characters of the sentence that are never neighbours: no term.
  CHECK(names.find(" 时人 ") == std::string::npos);
}

// analyzer.cc: "A one-position gap after a run with no word in it keeps CJK
// words within a clause."
TEST_CASE("Punctuation between CJK runs leaves a one-position gap",
          "[analyzer]") {
  struct Row {
    const char* in;
    const char* terms;
  };
  const Row rows[] = {
      {"时代，普通", "时[1] 时代 代[2] 普[4] 普通 通[5]"},
      {"时代 普通", "时[1] 时代 代[2] 普[4] 普通 通[5]"},
      {"时代。普通", "时[1] 时代 代[2] 普[4] 普通 通[5]"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(terms_with_positions(analyze(row.in)) == sorted_words(row.terms));
  }
  // So the phrase 代普 (the query for the substring 代普) does not match.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(analyze("大模型时代，普通人"));
  Xapian::Enquire enquire(db);
  const std::vector<std::string> across = {"代", "普"};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, across.begin(),
                                  across.end(), 2));
  CHECK(enquire.get_mset(0, 10).size() == 0);
  const std::vector<std::string> within = {"普", "通"};
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, within.begin(),
                                  within.end(), 2));
  CHECK(enquire.get_mset(0, 10).size() == 1);
}

// Katakana words very often contain U+30FC (ー), which has no script of its
// own, so the segmenter puts it in a run of its own. Xapian's query parser,
// however, n-grams "データ" as one CJK word (U+30FC is in its CJK range) and
// ANDs the bigrams デー and ータ, so the index needs them for the word to be
// found (segmenter.h: "the same way at index time and at query time").
TEST_CASE("A Katakana word with a prolonged sound mark gets all its n-grams",
          "[analyzer]") {
  CHECK(terms_with_positions(analyze("データ")) ==
        sorted_words("デ[1] デー ー[2] ータ タ[3]"));
}
