// Tests for the UTF-8 helpers in libindex/src/utf8.h.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

using namespace std::string_view_literals;

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

std::string hex(std::string_view bytes) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0xF];
    out += ' ';
  }
  return out;
}

}  // namespace

TEST_CASE("valid_sequence_length accepts well-formed sequences of 1 to 4 bytes",
          "[utf8]") {
  struct Row {
    std::string_view bytes;
    std::size_t expected;
    const char* what;
  };
  const Row rows[] = {
      {"A"sv, 1, "ASCII letter"},
      {"\x7F"sv, 1, "U+007F, last one-byte code point"},
      {"\x00"sv, 1, "NUL is a valid one-byte sequence"},
      {"\xC2\x80"sv, 2, "U+0080, first two-byte code point"},
      {"\xC3\xA9"sv, 2, "U+00E9 e-acute"},
      {"\xDF\xBF"sv, 2, "U+07FF, last two-byte code point"},
      {"\xE0\xA0\x80"sv, 3, "U+0800, first three-byte code point"},
      {"\xE4\xB8\xAD"sv, 3, "U+4E2D CJK"},
      {"\xED\x9F\xBF"sv, 3, "U+D7FF, just below the surrogates"},
      {"\xEE\x80\x80"sv, 3, "U+E000, just above the surrogates"},
      {"\xEF\xBF\xBF"sv, 3, "U+FFFF"},
      {"\xF0\x90\x80\x80"sv, 4, "U+10000, first four-byte code point"},
      {"\xF0\x9F\x98\x80"sv, 4, "U+1F600 emoji"},
      {"\xF4\x8F\xBF\xBF"sv, 4, "U+10FFFF, last code point"},
  };
  for (const Row& row : rows) {
    INFO(row.what << " [" << hex(row.bytes) << "]");
    CHECK(kb::utf8::valid_sequence_length(row.bytes, 0) == row.expected);
  }
}

TEST_CASE("valid_sequence_length rejects overlong, surrogate, out-of-range "
          "and truncated sequences",
          "[utf8]") {
  struct Row {
    std::string_view bytes;
    const char* what;
  };
  const Row rows[] = {
      {"\x80"sv, "lone continuation byte"},
      {"\xBF"sv, "lone continuation byte"},
      {"\xC0\x80"sv, "overlong NUL"},
      {"\xC1\xBF"sv, "overlong U+007F"},
      {"\xE0\x80\x80"sv, "overlong three-byte NUL"},
      {"\xE0\x9F\xBF"sv, "overlong U+07FF"},
      {"\xED\xA0\x80"sv, "U+D800 high surrogate"},
      {"\xED\xBF\xBF"sv, "U+DFFF low surrogate"},
      {"\xF0\x80\x80\x80"sv, "overlong four-byte NUL"},
      {"\xF0\x8F\xBF\xBF"sv, "overlong U+FFFF"},
      {"\xF4\x90\x80\x80"sv, "U+110000, above the last code point"},
      {"\xF5\x80\x80\x80"sv, "F5 lead byte"},
      {"\xFE"sv, "FE is never UTF-8"},
      {"\xFF"sv, "FF is never UTF-8"},
      {"\xC3"sv, "two-byte sequence cut at the end"},
      {"\xE4\xB8"sv, "three-byte sequence cut at the end"},
      {"\xF0\x9F\x98"sv, "four-byte sequence cut at the end"},
      {"\xC3" "A"sv, "ASCII where a continuation byte should be"},
      {"\xE4\xB8" "A"sv, "ASCII as third byte"},
      {"\xF0\x9F\x98" "A"sv, "ASCII as fourth byte"},
      {"\xE4\xC3\xA9"sv, "lead byte as second byte"},
  };
  for (const Row& row : rows) {
    INFO(row.what << " [" << hex(row.bytes) << "]");
    CHECK(kb::utf8::valid_sequence_length(row.bytes, 0) == 0);
  }
}

TEST_CASE("valid_sequence_length looks at the sequence starting at index i",
          "[utf8]") {
  const std::string_view text = "a\xE4\xB8\xAD\xFF" "b"sv;  // "a中", FF, "b"
  CHECK(kb::utf8::valid_sequence_length(text, 0) == 1);
  CHECK(kb::utf8::valid_sequence_length(text, 1) == 3);
  CHECK(kb::utf8::valid_sequence_length(text, 2) == 0);  // inside 中
  CHECK(kb::utf8::valid_sequence_length(text, 4) == 0);  // FF
  CHECK(kb::utf8::valid_sequence_length(text, 5) == 1);
}

TEST_CASE("is_valid is true only when every sequence is valid", "[utf8]") {
  struct Row {
    std::string_view bytes;
    bool expected;
  };
  const Row rows[] = {
      {""sv, true},
      {"plain ASCII text\n"sv, true},
      {"注意力机制 attention 😀"sv, true},
      {"K. T. Sch\xC3\xBCtt"sv, true},
      {"ends with a cut \xE4\xB8"sv, false},
      {"\xFF starts badly"sv, false},
      {"caf\xE9 in Latin-1"sv, false},
      {"CESU-8 surrogate \xED\xA0\xBD\xED\xB8\x80"sv, false},
      {"GBK \xD7\xA2\xD2\xE2\xC1\xA6"sv, false},  // 注意力 in GBK
  };
  for (const Row& row : rows) {
    INFO("[" << hex(row.bytes) << "]");
    CHECK(kb::utf8::is_valid(row.bytes) == row.expected);
  }
}

TEST_CASE("replace_invalid puts one U+FFFD in place of each run of bad bytes",
          "[utf8]") {
  const std::string r(kReplacement);
  struct Row {
    std::string_view input;
    std::string expected;
    std::size_t replaced;
  };
  const std::vector<Row> rows = {
      {""sv, "", 0},
      {"plain"sv, "plain", 0},
      {"注意力"sv, "注意力", 0},
      {"a\xFF" "b"sv, "a" + r + "b", 1},
      {"a\xFF\xFE" "b"sv, "a" + r + "b", 1},
      {"\xFF" "a\xFE"sv, r + "a" + r, 2},
      {"abc\xE4\xB8"sv, "abc" + r, 1},
      {"\xE4\xB8" "A"sv, r + "A", 1},
      {"\xED\xA0\x80"sv, r, 1},
      {"\xC0\x80"sv, r, 1},
      {"中\x80文"sv, "中" + r + "文", 1},
      {"caf\xE9 au lait"sv, "caf" + r + " au lait", 1},
  };
  for (const Row& row : rows) {
    INFO("[" << hex(row.input) << "]");
    std::size_t replaced = 999;
    const std::string out = kb::utf8::replace_invalid(row.input, &replaced);
    CHECK(out == row.expected);
    CHECK(replaced == row.replaced);
    CHECK(kb::utf8::is_valid(out));
  }
}

TEST_CASE("replace_invalid accepts a null counter", "[utf8]") {
  CHECK(kb::utf8::replace_invalid("x\xFFy"sv, nullptr) ==
        "x" + std::string(kReplacement) + "y");
}

TEST_CASE("next decodes one code point and advances past it", "[utf8]") {
  struct Row {
    std::string_view bytes;
    char32_t code_point;
    std::size_t length;
  };
  const Row rows[] = {
      {"A"sv, U'A', 1},
      {"\xC3\xA9"sv, U'\u00E9', 2},
      {"\xDF\xBF"sv, U'\u07FF', 2},
      {"\xE4\xB8\xAD"sv, U'\u4E2D', 3},
      {"\xEF\xBF\xBF"sv, U'\uFFFF', 3},
      {"\xF0\x9F\x98\x80"sv, U'\U0001F600', 4},
      {"\xF4\x8F\xBF\xBF"sv, U'\U0010FFFF', 4},
  };
  for (const Row& row : rows) {
    INFO("[" << hex(row.bytes) << "]");
    std::size_t i = 0;
    CHECK(kb::utf8::next(row.bytes, i) == row.code_point);
    CHECK(i == row.length);
  }
}

TEST_CASE("next walks a mixed-script string code point by code point",
          "[utf8]") {
  const std::string_view text = "a中é😀"sv;
  std::vector<char32_t> seen;
  for (std::size_t i = 0; i < text.size();) seen.push_back(kb::utf8::next(text, i));
  CHECK(seen == std::vector<char32_t>{U'a', U'中', U'é', U'😀'});
}

TEST_CASE("append encodes code points at every length boundary", "[utf8]") {
  struct Row {
    char32_t code_point;
    std::string_view bytes;
  };
  const Row rows[] = {
      {U'\0', "\x00"sv},
      {U'A', "A"sv},
      {0x7F, "\x7F"sv},
      {0x80, "\xC2\x80"sv},
      {0x7FF, "\xDF\xBF"sv},
      {0x800, "\xE0\xA0\x80"sv},
      {0x4E2D, "\xE4\xB8\xAD"sv},
      {0xFFFF, "\xEF\xBF\xBF"sv},
      {0x10000, "\xF0\x90\x80\x80"sv},
      {0x10FFFF, "\xF4\x8F\xBF\xBF"sv},
  };
  for (const Row& row : rows) {
    INFO("U+" << std::hex << static_cast<unsigned>(row.code_point));
    std::string out = "prefix";
    kb::utf8::append(out, row.code_point);
    CHECK(out == "prefix" + std::string(row.bytes));
  }
}

TEST_CASE("append and next round-trip every Unicode scalar value", "[utf8]") {
  std::size_t failures = 0;
  char32_t first_failure = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // surrogates are not scalars
    std::string encoded;
    kb::utf8::append(encoded, c);
    std::size_t i = 0;
    const bool ok = kb::utf8::valid_sequence_length(encoded, 0) ==
                        encoded.size() &&
                    kb::utf8::next(encoded, i) == c && i == encoded.size();
    if (!ok && failures++ == 0) first_failure = c;
  }
  INFO("first failure at U+" << std::hex
                             << static_cast<unsigned>(first_failure));
  CHECK(failures == 0);
}
