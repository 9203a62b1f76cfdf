// Tests for looks_binary and decode_text (libindex/src/note/text_decoder.h).
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "note/text_decoder.h"
#include "text/utf8.h"
#include "test_util.h"

using namespace std::string_view_literals;

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

using kbtest::kChineseSentence;
using kbtest::kChineseSentenceGbkHex;

using kbtest::from_hex;

// `text` as UTF-16 with a byte-order mark, little- or big-endian.
std::string utf16_with_bom(std::u16string_view text, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t unit : text) {
    const char lo = static_cast<char>(unit & 0xFF);
    const char hi = static_cast<char>(unit >> 8);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

}  // namespace

TEST_CASE("looks_binary is true only when NUL bytes exceed 1% of the head",
          "[text_decoder]") {
  const std::string hundred(100, 'x');
  std::string one_nul = hundred;
  one_nul[50] = '\0';
  std::string two_nuls = one_nul;
  two_nuls[70] = '\0';

  CHECK_FALSE(kb::looks_binary(""));
  CHECK_FALSE(kb::looks_binary("# Title\n\nplain text\n"));
  CHECK_FALSE(kb::looks_binary("注意力机制\n"));
  CHECK_FALSE(kb::looks_binary(one_nul));  // exactly 1%
  CHECK(kb::looks_binary(two_nuls));       // 2%
  CHECK(kb::looks_binary("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10"sv));
}

TEST_CASE("looks_binary only counts NUL bytes in the first 8 KiB",
          "[text_decoder]") {
  std::string late_nuls(8192, 'a');
  late_nuls += std::string(4096, '\0');
  CHECK_FALSE(kb::looks_binary(late_nuls));

  std::string early_nuls(4096, '\0');
  early_nuls += std::string(8192, 'a');
  CHECK(kb::looks_binary(early_nuls));
}

TEST_CASE("looks_binary accepts UTF-16 text that starts with a byte-order mark",
          "[text_decoder]") {
  CHECK_FALSE(kb::looks_binary(utf16_with_bom(u"# Notes\nhello", true)));
  CHECK_FALSE(kb::looks_binary(utf16_with_bom(u"# Notes\nhello", false)));
}

TEST_CASE("decode_text keeps valid UTF-8 as it is", "[text_decoder]") {
  const std::string_view inputs[] = {
      ""sv,
      "# Title\n\nplain ASCII\n"sv,
      "---\ntitle: 一周总结与回顾-0\n---\n注意力 attention 😀\n"sv,
      "K. T. Sch\xC3\xBCtt, M\xC3\xBCller\n"sv,
  };
  for (std::string_view input : inputs) {
    INFO(input);
    const kb::DecodedText decoded = kb::decode_text(input);
    CHECK(decoded.text == input);
    CHECK(decoded.encoding == "utf-8");
    CHECK_FALSE(decoded.lossy);
    CHECK(decoded.warnings.empty());
  }
}

TEST_CASE("decode_text drops a UTF-8 byte-order mark", "[text_decoder]") {
  const kb::DecodedText decoded =
      kb::decode_text("\xEF\xBB\xBF---\r\ntitle: 笔记\r\n---\r\n"sv);
  CHECK(decoded.text == "---\r\ntitle: 笔记\r\n---\r\n");
  CHECK(decoded.encoding == "utf-8");
  CHECK_FALSE(decoded.lossy);

  CHECK(kb::decode_text("\xEF\xBB\xBF"sv).text.empty());
}

TEST_CASE("decode_text converts UTF-16 with a byte-order mark",
          "[text_decoder]") {
  const std::u16string_view text = u"# 注意力机制\nattention 😀 Müller\n";
  const std::string expected = "# 注意力机制\nattention 😀 Müller\n";

  SECTION("little-endian") {
    const kb::DecodedText decoded = kb::decode_text(utf16_with_bom(text, true));
    CHECK(decoded.text == expected);
    CHECK(decoded.encoding == "utf-16le");
    CHECK_FALSE(decoded.lossy);
  }
  SECTION("big-endian") {
    const kb::DecodedText decoded =
        kb::decode_text(utf16_with_bom(text, false));
    CHECK(decoded.text == expected);
    CHECK(decoded.encoding == "utf-16be");
    CHECK_FALSE(decoded.lossy);
  }
}

TEST_CASE("decode_text marks UTF-16 it cannot fully decode as lossy",
          "[text_decoder]") {
  // The undecodable part becomes U+FFFD, so `lossy` must be set.
  struct Row {
    const char* what;
    std::string bytes;
    std::string text;
  };
  const std::string r(kReplacement);
  const std::vector<Row> rows = {
      {"unpaired high surrogate",
       utf16_with_bom(u"a" + std::u16string(1, u'\xD800') + u"b", true),
       "a" + r + "b"},
      {"odd number of bytes", utf16_with_bom(u"AB", true).substr(0, 5),
       "A" + r},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const kb::DecodedText decoded = kb::decode_text(row.bytes);
    CHECK(decoded.encoding == "utf-16le");
    CHECK(decoded.text == row.text);
    CHECK(decoded.lossy);
  }
}

TEST_CASE("decode_text recognises GBK text and converts it from gb18030",
          "[text_decoder]") {
  const std::string gbk = from_hex(kChineseSentenceGbkHex);
  REQUIRE(gbk.size() == 102);
  REQUIRE_FALSE(kb::utf8::is_valid(gbk));

  const kb::DecodedText decoded = kb::decode_text(gbk);
  CHECK(decoded.encoding == "gb18030");
  CHECK(decoded.text == kChineseSentence);
  CHECK_FALSE(decoded.lossy);
  CHECK_FALSE(decoded.warnings.empty());
}

TEST_CASE("decode_text reads a Chinese note too short for the detector", "[text_decoder]") {
  // Made with `printf '%s' TEXT | iconv -t GBK | xxd -p`.
  // Below 64 bytes ICU's detector guesses wrongly, so short notes were read
  // as UTF-8 with U+FFFD and their Chinese could not be found.
  struct Row {
    const char* hex;
    const char* text;
    const char* encoding;
  };
  const Row rows[] = {
      {"2320d6dcb1a8", "# 周报", "gb18030"},
      {"d7a2d2e2c1a6bbfad6c6", "注意力机制", "gb18030"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const kb::DecodedText decoded = kb::decode_text(from_hex(row.hex));
    CHECK(decoded.text == row.text);
    CHECK(decoded.encoding == row.encoding);
    CHECK_FALSE(decoded.lossy);
    REQUIRE(decoded.warnings.size() == 1);
  }
  // What GB18030 would decode too, but is not Chinese: Latin-1 (an ASCII
  // trail byte) and UTF-8 Chinese cut in the middle of a character.
  CHECK(kb::decode_text("caf\xE9 au lait\n"sv).encoding == "utf-8");
  CHECK(kb::decode_text("\xDC" "ber Fr\xE4ulein\n"sv).encoding == "utf-8");
  const kb::DecodedText cut = kb::decode_text("注意力机" + std::string("\xE5\x88"));
  CHECK(cut.encoding == "utf-8");
  CHECK(cut.text.rfind("注意力机", 0) == 0);
}

TEST_CASE("decode_text replaces bad bytes it cannot attribute to a charset",
          "[text_decoder]") {
  const kb::DecodedText decoded = kb::decode_text("caf\xE9 au lait\n"sv);
  CHECK(decoded.text == "caf" + std::string(kReplacement) + " au lait\n");
  CHECK(decoded.encoding == "utf-8");
  CHECK(decoded.lossy);
  CHECK(decoded.warnings.size() == 1);
}

TEST_CASE("decode_text always returns valid UTF-8 without a byte-order mark",
          "[text_decoder]") {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes += static_cast<char>(b);
  std::string noise;
  unsigned state = 12345;
  for (int i = 0; i < 4096; ++i) {
    state = state * 1103515245u + 12345u;
    noise += static_cast<char>(state >> 24);
  }
  const std::string inputs[] = {
      all_bytes,
      noise,
      "\xEF\xBB\xBF" + from_hex(kChineseSentenceGbkHex),
      "\xFF\xFE\x41",  // UTF-16LE BOM and half a code unit
      std::string("text\0with\0nuls", 14),
  };
  for (const std::string& input : inputs) {
    INFO("input of " << input.size() << " bytes");
    const kb::DecodedText decoded = kb::decode_text(input);
    CHECK(kb::utf8::is_valid(decoded.text));
    CHECK(decoded.text.rfind("\xEF\xBB\xBF", 0) != 0);
  }
}

TEST_CASE("decode_text replaces stray NUL bytes and says so", "[text_decoder]") {
  using namespace std::string_literals;
  const kb::DecodedText out = kb::decode_text("注意\0力 a\0b"s);
  CHECK(out.text == "注意\uFFFD力 a\uFFFDb");
  CHECK(out.lossy);
  REQUIRE(out.warnings.size() == 1);
  CHECK(out.warnings[0].rfind("2 NUL byte(s)", 0) == 0);
}

TEST_CASE("a lone CR is a space, CRLF stays a line break", "[text_decoder]") {
  CHECK(kb::decode_text("a\rb\r\nc\r").text == "a b\r\nc ");
}
