// Tests for joined_forms.h: which hyphens split a word of letters from a
// word of digits, and the joined words they give.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "text/joined_forms.h"

namespace {

std::vector<std::string> joined(std::string_view text) {
  std::vector<std::string> out;
  for (const kb::LetterDigitSplit& split : kb::letter_digit_splits(text)) {
    out.push_back(split.joined);
  }
  return out;
}

}  // namespace

TEST_CASE("letter-digit splits are joined, other hyphens are not", "[joined_forms]") {
  using V = std::vector<std::string>;
  struct Case {
    const char* text;
    V joined;
  };
  const Case cases[] = {
      {"gpt-4", V{"gpt4"}},
      {"uses gpt-4 and 4-bit weights", V{"gpt4", "4bit"}},
      {"gpt-3.5 turbo", V{"gpt3.5"}},
      {"llama-2-7b", V{"llama2"}},          // 2-7b: digits to digits
      {"gpt-4-turbo", V{"gpt4", "4turbo"}},
      {"decoder-only", V{}},                // letters to letters
      {"2024-10-20", V{}},                  // digits to digits
      {"v2.1.0 and 2024.4.3", V{}},         // no hyphen
      {"c++ -4", V{}},                      // nothing before the hyphen
      {"gpt-", V{}},
      {"-4", V{}},
      {"x_gpt-4", V{}},                     // '_' continues the word in Xapian
      {"é-4", V{}},                         // so does a non-ASCII letter
      {"gpt-4é", V{}},
      {"(gpt-4)", V{"gpt4"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(joined(c.text) == c.joined);
  }
}

TEST_CASE("the split's byte range covers both words", "[joined_forms]") {
  const std::vector<kb::LetterDigitSplit> splits = kb::letter_digit_splits("a gpt-4 b");
  REQUIRE(splits.size() == 1);
  CHECK(splits[0].begin == 2);
  CHECK(splits[0].end == 7);
}

TEST_CASE("with_splits_joined rewrites a query word as the index joins it",
          "[joined_forms]") {
  CHECK(kb::with_splits_joined("gpt-4") == "gpt4");
  CHECK(kb::with_splits_joined("gpt-4-turbo") == "gpt4-turbo");
  CHECK(kb::with_splits_joined("decoder-only") == "decoder-only");
  CHECK(kb::with_splits_joined("title:gpt-4") == "title:gpt4");
  CHECK(kb::with_splits_joined("") == "");
}

TEST_CASE("a long run of splits is scanned in one pass", "[joined_forms]") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "a-1-";
  // Each "a-1" and each "1-a" is a split, but the last "1-", which has no
  // second word.
  CHECK(kb::letter_digit_splits(text).size() == 39999);
}
