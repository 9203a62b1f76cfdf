// Tests for segmenter.h: script runs, CJK detection and NFKC case folding.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "text/segmenter.h"

namespace {

// "C[...]" for a CJK run, "L[...]" for any other run, separated by spaces.
std::string runs_of(std::string_view text) {
  std::string out;
  for (const kb::ScriptRun& run : kb::split_script_runs(text)) {
    if (!out.empty()) out += ' ';
    out += run.cjk ? "C[" : "L[";
    out += run.text;
    out += ']';
  }
  return out;
}

std::string map_string(const std::vector<std::size_t>& map) {
  std::string out;
  for (std::size_t m : map) {
    if (!out.empty()) out += ',';
    out += std::to_string(m);
  }
  return out;
}

}  // namespace

// segmenter.h: the ranges are those of Xapian 1.4's CJK tokenizer (CJK
// Radicals, CJK Symbols and Punctuation through CJK Unified Ideographs,
// Hangul syllables, compatibility ideographs and forms, half- and full-width
// forms, Extension B), so the query parser and the index agree.
TEST_CASE("is_cjk is true exactly for the CJK blocks Xapian n-grams",
          "[segmenter]") {
  struct Row {
    char32_t c;
    bool cjk;
  };
  const Row rows[] = {
      {U'中', true},          // common Han
      {U'一', true},          // U+4E00, first of the unified block
      {U'\u9FFF', true},      // last of the unified block
      {U'\u3400', true},      // Extension A
      {U'\U00020000', true},  // Extension B
      {U'\u3005', true},      // 々, Han iteration mark
      {U'あ', true},          // Hiragana
      {U'ア', true},          // Katakana
      {U'ー', true},          // U+30FC prolonged sound mark, inside katakana words
      {U'ｶ', true},           // half-width Katakana
      {U'한', true},          // Hangul syllable
      {U'。', true},          // U+3002: CJK Symbols and Punctuation
      {U'\u3000', true},      // ideographic space, same block
      {U'，', true},          // U+FF0C: half- and full-width forms
      {U'Ａ', true},          // full-width Latin: same block (folded by NFKC first)
      {U'\u2E80', true},      // first CJK radical
      {U'\u2E7F', false},     // just below it
      {U'\uA000', false},     // Yi: not in Xapian's ranges
      {U'a', false},
      {U'Z', false},
      {U'7', false},
      {U' ', false},
      {U'é', false},          // Latin-1
      {U'ж', false},          // Cyrillic
  };
  for (const Row& row : rows) {
    INFO("U+" << std::hex << static_cast<unsigned>(row.c));
    CHECK(kb::is_cjk(row.c) == row.cjk);
  }
}

TEST_CASE("split_script_runs splits at changes between CJK and other scripts",
          "[segmenter]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"", ""},
      {"attention", "L[attention]"},
      {"权重", "C[权重]"},
      {"attention权重", "L[attention] C[权重]"},
      {"权重attention", "C[权重] L[attention]"},
      {"a权b", "L[a] C[权] L[b]"},
      {"大模型LM时代", "C[大模型] L[LM] C[时代]"},
      {"LLM时代的大模型", "L[LLM] C[时代的大模型]"},
      // Kana, Hangul and Han are all CJK: one run.
      {"ひらがなカタカナ한국어漢字", "C[ひらがなカタカナ한국어漢字]"},
      // Other non-CJK scripts stay with the Latin run.
      {"Schütt和Müller", "L[Schütt] C[和] L[Müller]"},
      {"привет世界", "L[привет] C[世界]"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(runs_of(row.in) == row.out);
  }
}

TEST_CASE("split_script_runs covers the input exactly and in order",
          "[segmenter]") {
  const std::string text = "Self-Attention 自注意力, GPT-4 和 v2.1.0：完成。";
  std::string joined;
  const char* expected_next = text.data();
  for (const kb::ScriptRun& run : kb::split_script_runs(text)) {
    CHECK(run.text.data() == expected_next);  // views into the input
    CHECK_FALSE(run.text.empty());
    expected_next = run.text.data() + run.text.size();
    joined += run.text;
  }
  CHECK(joined == text);
}

TEST_CASE("split_script_runs alternates: no two neighbouring runs agree",
          "[segmenter]") {
  const std::string text = "a中b文c字d";
  const auto runs = kb::split_script_runs(text);
  REQUIRE(runs.size() == 7);
  for (std::size_t i = 1; i < runs.size(); ++i) {
    CHECK(runs[i].cjk != runs[i - 1].cjk);
  }
}

// ASCII punctuation, digits and spaces are not CJK; CJK punctuation is, and
// stays in the CJK run (the analyzer gives it a position gap).
TEST_CASE("split_script_runs: ASCII punctuation and digits are not CJK",
          "[segmenter]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"中文,好", "C[中文] L[,] C[好]"},
      {"中文，好", "C[中文，好]"},
      {"时代。普通", "C[时代。普通]"},
      {"权重 attention", "C[权重] L[ attention]"},
      {"attention 权重", "L[attention ] C[权重]"},
      {"中文2024年", "C[中文] L[2024] C[年]"},
      {"「引号」", "C[「引号」]"},
      {"サーバー", "C[サーバー]"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(runs_of(row.in) == row.out);
  }
}

TEST_CASE("normalize applies NFKC case folding", "[segmenter]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"", ""},
      {"abc", "abc"},
      {"Abc", "abc"},
      {"ABC", "abc"},
      {"ＡＢＣ", "abc"},          // full-width Latin
      {"２０２４", "2024"},       // full-width digits
      {"Straße", "strasse"},      // ß folds to ss
      {"ﬁnd", "find"},            // ligature
      {"①", "1"},                 // circled digit
      {"Ⅻ", "xii"},               // Roman numeral
      {"㎏", "kg"},                // square unit
      {"ｶﾀｶﾅ", "カタカナ"},        // half-width Katakana
      {"e\u0301", "\u00e9"},      // e + combining acute composes to é
      {"ÉCLAIR", "éclair"},
      {"注意力机制", "注意力机制"},  // Han is left alone
      {"Self-Attention 自注意力", "self-attention 自注意力"},
      {"ＬＬＭ时代", "llm时代"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    CHECK(kb::normalize(row.in) == row.out);
  }
}

TEST_CASE("normalize ignores the process locale", "[segmenter]") {
  // Turkish locale rules would fold I to dotless ı; the root locale gives i.
  CHECK(kb::normalize("TITLE") == "title");
  CHECK(kb::normalize("I") == "i");
}

TEST_CASE("normalize_with_map maps each result byte to its source character",
          "[segmenter]") {
  struct Row {
    const char* in;
    const char* out;
    const char* map;
  };
  const Row rows[] = {
      {"", "", ""},
      {"aB", "ab", "0,1"},
      {"ＡＢ", "ab", "0,3"},  // each full-width letter is 3 bytes
      {"Aß中", "ass中", "0,1,1,3,3,3"},
      {"ﬁ", "fi", "0,0"},
      {"中Ａ", "中a", "0,0,0,3"},
      // Runs of ASCII and of common Han are copied in bulk; the last
      // character of a run still takes the combining mark after it.
      {"Cafe\u0301!", "caf\u00e9!", "0,1,2,3,3,6"},
      {"中文\u0301", "中文\u0301", "0,0,0,3,3,3,3,3"},
      {"ab，cd。", "ab,cd。", "0,1,2,5,6,7,7,7"},  // full-width comma folds, 。 does not
      {"ｶﾞ中", "ガ中", "0,0,0,6,6,6"},
  };
  for (const Row& row : rows) {
    INFO("input: " << row.in);
    std::vector<std::size_t> map = {99, 98};  // must be replaced, not appended
    const std::string out = kb::normalize_with_map(row.in, map);
    CHECK(out == row.out);
    CHECK(map.size() == out.size());
    CHECK(map_string(map) == row.map);
  }
}

TEST_CASE("normalize_with_map agrees with normalize on text without combining "
          "marks",
          "[segmenter]") {
  const char* inputs[] = {
      "Attention权重 = softmax(QK^T)", "ＡＢＣ　２０２４年",
      "Klaus-Robert Müller, K. T. Schütt", "大模型LM/文献精读/Transformer.md",
      "ｶﾀｶﾅ and ﬁ and ß", "🥰 emoji stay 🥰"};
  for (const char* in : inputs) {
    INFO("input: " << in);
    std::vector<std::size_t> map;
    const std::string mapped = kb::normalize_with_map(in, map);
    CHECK(mapped == kb::normalize(in));
    const std::string_view source(in);
    for (std::size_t m : map) {
      REQUIRE(m < source.size());
      // Every entry points at the first byte of a UTF-8 character.
      CHECK((static_cast<unsigned char>(source[m]) & 0xC0) != 0x80);
    }
    // Offsets never go backwards.
    for (std::size_t i = 1; i < map.size(); ++i) CHECK(map[i - 1] <= map[i]);
  }
}
