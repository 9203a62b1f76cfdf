// Tests for text/whitespace.h: the two kinds of whitespace and trimming them.
#include <catch2/catch.hpp>

#include <string_view>

#include "text/whitespace.h"

using namespace std::string_view_literals;

namespace {

struct Row {
  std::string_view in;
  std::string_view out;
};

}  // namespace

TEST_CASE("is_ascii_whitespace is the six ASCII spaces", "[whitespace]") {
  for (const char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
    INFO(static_cast<int>(c));
    CHECK(kb::is_ascii_whitespace(c));
  }
  for (const char c : {'a', '\0', '\x1C', '\x7F', '_', '\xC2', '\xA0'}) {
    INFO(static_cast<int>(c));
    CHECK_FALSE(kb::is_ascii_whitespace(c));
  }
}

TEST_CASE("is_unicode_whitespace is White_Space", "[whitespace]") {
  for (const char32_t c : {U' ', U'\t', U'\n', U'\r', U'\f', U'\v', U'\u0085', U'\u00A0',
                           U'\u1680', U'\u2000', U'\u200A', U'\u2028', U'\u2029', U'\u202F',
                           U'\u205F', U'\u3000'}) {
    INFO(static_cast<unsigned>(c));
    CHECK(kb::is_unicode_whitespace(c));
  }
  // Zero-width characters and the BOM are not White_Space.
  for (const char32_t c : {U'a', U'\0', U'\u200B', U'\u200D', U'\uFEFF', U'中', U'\uFFFC'}) {
    INFO(static_cast<unsigned>(c));
    CHECK_FALSE(kb::is_unicode_whitespace(c));
  }
}

TEST_CASE("trim_ascii_whitespace trims ASCII whitespace at both ends", "[whitespace]") {
  const Row rows[] = {
      {"", ""},
      {"a", "a"},
      {"  a  ", "a"},
      {" \t\r\n\f\va b\v\f\n\r\t ", "a b"},   // inner space stays
      {"   ", ""},
      {"\u3000标题\u3000", "\u3000标题\u3000"},  // U+3000 is not ASCII
      {"\u00A0a", "\u00A0a"},
      {"\xFF a \xFF", "\xFF a \xFF"},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(kb::trim_ascii_whitespace(row.in) == row.out);
  }
}

TEST_CASE("trim_trailing_ascii_whitespace keeps the indentation", "[whitespace]") {
  const Row rows[] = {
      {"", ""},
      {"---", "---"},
      {"--- \t", "---"},
      {"  --- ", "  ---"},
      {" \t ", ""},
      {"a\u3000", "a\u3000"},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(kb::trim_trailing_ascii_whitespace(row.in) == row.out);
  }
}

TEST_CASE("trim_unicode_whitespace trims every kind of space and keeps invalid UTF-8",
          "[whitespace]") {
  const Row rows[] = {
      {"", ""},
      {"a", "a"},
      {" \t a \n", "a"},
      {"\u3000标签\u3000", "标签"},
      {"\u00A0\u2003Daily Talk\u202F", "Daily Talk"},
      {"\u3000 \u3000", ""},
      {"\u200Ba\u200B", "\u200Ba\u200B"},       // zero width space is not White_Space
      {"\xFF\u3000", "\xFF"},                  // an invalid byte is text
      {"\u3000\xE4\xB8", "\xE4\xB8"},          // so is a truncated sequence
      {"\xC2", "\xC2"},                        // a lone lead byte of U+00A0
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(kb::trim_unicode_whitespace(row.in) == row.out);
  }
}
