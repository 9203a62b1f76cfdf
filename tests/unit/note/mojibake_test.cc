// Tests for mojibake detection and repair (libindex/src/note/mojibake.h).
//
// The fixture pair: posts/000 is a Chinese note in UTF-8; posts/001 is the
// same note damaged (../shared/notes/toolchain.md §8): 000's bytes decoded
// as Windows-1254 with the bytes it leaves undefined (81 8D 8E 8F 90 9D 9E)
// dropped, the soft hyphen U+00AD removed, and the result saved as UTF-8.
#include "note/mojibake.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "test_util.h"
#include "text/utf8.h"

namespace {

const std::filesystem::path kKb = std::filesystem::path(KB_FIXTURES_DIR) / "kb";
const std::filesystem::path kOriginalPath =
    kKb / "posts/000_7de7bcde4ef4daba.md";
const std::filesystem::path kMojibakePath =
    kKb / "posts/001_55c4e469920f7bc4.md";

// The bytes each damaging decode loses: the code page's undefined bytes,
// and 0xAD, whose soft hyphen was stripped.
constexpr std::string_view kCp1254Lost = "\x81\x8D\x8E\x8F\x90\x9D\x9E\xAD";
constexpr std::string_view kCp1252Lost = "\x81\x8D\x8F\x90\x9D\xAD";

// A paragraph written for these tests: everyday Chinese, rich in characters
// whose UTF-8 holds a byte the damage drops (不 中 与 回 反 思 去 来 后 ...).
// It contains 与 (E4 B8 8E): cp1252 keeps 0x8E as Ž, cp1254 drops it, so
// damage made with cp1252 can be told from damage made with cp1254.
constexpr std::string_view kParagraph =
    "这个周末我们去海边玩了两天。虽然天气不太好，中午还下了一场雨，"
    "但是大家都很开心。回来以后我反思了一下最近的学习计划：要把时间花在"
    "真正重要的事情上，不要总是被手机打断。下周打算先读完两篇论文，"
    "再整理实验代码，与导师讨论后决定下一步的方向。\n";

// Damages `text` the way 001 was made, using ICU's tables for `codepage`
// rather than the library's own. ICU decodes the bytes a Windows code page
// leaves undefined to the C1 controls U+0080-U+009F (cp1252 and cp1254
// decode no other byte there), so deleting those characters drops them.
std::string make_mojibake(std::string_view text, const char* codepage) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(codepage, &err);
  REQUIRE(U_SUCCESS(err));
  icu::UnicodeString decoded(text.data(), static_cast<int32_t>(text.size()),
                             converter, err);
  ucnv_close(converter);
  REQUIRE(U_SUCCESS(err));
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decoded.length(); ++i) {
    const char16_t u = decoded[i];
    if ((u >= 0x80 && u <= 0x9F) || u == 0xAD) continue;
    kept.append(u);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

// The naive reversal, for comparison: each character back to its
// Windows-1254 byte, then the bytes read as UTF-8 with ICU, which turns
// each broken sequence into one U+FFFD.
std::string naive_reversal(std::string_view mojibake) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* converter = ucnv_open("windows-1254", &err);
  REQUIRE(U_SUCCESS(err));
  const icu::UnicodeString chars = icu::UnicodeString::fromUTF8(mojibake);
  std::string bytes(static_cast<std::size_t>(chars.length()), '\0');
  const int32_t n = chars.extract(
      bytes.data(), static_cast<int32_t>(bytes.size()), converter, err);
  ucnv_close(converter);
  REQUIRE(U_SUCCESS(err));
  bytes.resize(static_cast<std::size_t>(n));
  std::string out;
  icu::UnicodeString::fromUTF8(bytes).toUTF8String(out);
  return out;
}

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += kb::utf8::next(s, i);
  return out;
}

// The lines of `s`, each with its '\n'.
std::vector<std::string> lines_of(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const std::size_t end = std::min(s.find('\n'), s.size() - 1) + 1;
    out.emplace_back(s.substr(0, end));
    s.remove_prefix(end);
  }
  return out;
}

std::size_t lcs_length(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1, 0);
  for (char32_t ca : a) {
    std::size_t diagonal = 0;  // row[j - 1] of the previous row
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = ca == b[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Character-level similarity, difflib's ratio 2M / (|a| + |b|) in code
// points, where M counts the characters matched by a longest common
// subsequence taken line by line. Line by line is exact here, not an
// approximation: the damage never touches ASCII, so both texts have the
// same line breaks, and line i of one can only correspond to line i of the
// other; it also keeps the quadratic LCS cost to the length of a line.
double similarity(std::string_view a, std::string_view b) {
  const std::vector<std::string> la = lines_of(a);
  const std::vector<std::string> lb = lines_of(b);
  REQUIRE(la.size() == lb.size());
  std::size_t matched = 0;
  std::size_t total = 0;
  for (std::size_t i = 0; i < la.size(); ++i) {
    const std::u32string ca = code_points(la[i]);
    const std::u32string cb = code_points(lb[i]);
    matched += lcs_length(ca, cb);
    total += ca.size() + cb.size();
  }
  return total == 0
             ? 1.0
             : 2.0 * static_cast<double>(matched) / static_cast<double>(total);
}

// The characters of `text` the damage breaks: those whose UTF-8 holds one
// of the `lost` bytes.
std::size_t damaged_characters(std::string_view text, std::string_view lost) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = kb::utf8::valid_sequence_length(text, i);
    if (text.substr(i, n).find_first_of(lost) != std::string_view::npos)
      ++count;
    i += n;
  }
  return count;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

std::size_t non_ascii_characters(std::string_view s) {
  const std::u32string cps = code_points(s);
  return static_cast<std::size_t>(std::count_if(
      cps.begin(), cps.end(), [](char32_t c) { return c >= 0x80; }));
}

std::string repeat(std::string_view s, std::size_t times) {
  std::string out;
  out.reserve(s.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("the test's damaging encoder reproduces 001 from 000 exactly",
          "[mojibake]") {
  // Everything below that makes its own mojibake relies on this.
  CHECK(make_mojibake(kbtest::read_file(kOriginalPath), "windows-1254") ==
        kbtest::read_file(kMojibakePath));
}

TEST_CASE("001 is detected as cp1254 mojibake and 000 is not", "[mojibake]") {
  const std::string mojibake = kbtest::read_file(kMojibakePath);
  const auto repair = kb::repair_mojibake(mojibake);
  REQUIRE(repair.has_value());
  // 001 contains ğ, which only cp1254 has (cp1252 has ð at that byte).
  REQUIRE(mojibake.find("ğ") != std::string::npos);
  CHECK(repair->codepage == "cp1254");

  CHECK_FALSE(
      kb::repair_mojibake(kbtest::read_file(kOriginalPath)).has_value());
}

TEST_CASE("no other fixture note is taken for mojibake", "[mojibake]") {
  std::size_t notes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kKb)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    if (entry.path() == kMojibakePath) continue;
    const std::string text = kbtest::read_file(entry.path());
    // repair_mojibake takes decoded text; other encodings are the decoder's.
    if (!kb::utf8::is_valid(text)) continue;
    INFO(entry.path().string());
    CHECK_FALSE(kb::repair_mojibake(text).has_value());
    ++notes;
  }
  CHECK(notes >= 20);  // the walk did reach the fixture notes
}

TEST_CASE("repairing 001 restores at least 98% of 000's characters",
          "[mojibake]") {
  const std::string original = kbtest::read_file(kOriginalPath);
  const std::string mojibake = kbtest::read_file(kMojibakePath);
  const auto repair = kb::repair_mojibake(mojibake);
  REQUIRE(repair.has_value());
  REQUIRE(kb::utf8::is_valid(repair->text));

  // Each damaged character of 000 is one broken sequence in the reversal.
  CHECK(repair->repaired + repair->unrepaired ==
        damaged_characters(original, kCp1254Lost));

  const double naive = similarity(original, naive_reversal(mojibake));
  const double repaired = similarity(original, repair->text);
  INFO("naive reversal " << naive << ", repaired " << repaired);
  CHECK(naive >= 0.95);
  CHECK(repaired >= 0.98);
  CHECK(repaired > naive);
}

TEST_CASE("repairing 001 restores every line the damage did not touch",
          "[mojibake]") {
  const std::string original = kbtest::read_file(kOriginalPath);
  const std::string mojibake = kbtest::read_file(kMojibakePath);
  const auto repair = kb::repair_mojibake(mojibake);
  REQUIRE(repair.has_value());
  const std::vector<std::string> want = lines_of(original);
  const std::vector<std::string> got = lines_of(repair->text);
  const std::vector<std::string> damaged = lines_of(mojibake);
  REQUIRE(got.size() == want.size());
  REQUIRE(damaged.size() == want.size());

  std::size_t ascii_lines = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("line " << i + 1 << ": " << want[i]);
    if (is_ascii(damaged[i])) {
      ++ascii_lines;
      CHECK(got[i] == want[i]);
    }
    // Non-ASCII characters none of whose bytes was lost reverse exactly.
    if (damaged_characters(want[i], kCp1254Lost) == 0) CHECK(got[i] == want[i]);
  }
  CHECK(ascii_lines >= 20);  // tags, URLs, dates and blank lines
}

TEST_CASE("repairing 001 restores what can be known of the title and tags",
          "[mojibake]") {
  const std::string original = kbtest::read_file(kOriginalPath);
  const auto repair = kb::repair_mojibake(kbtest::read_file(kMojibakePath));
  REQUIRE(repair.has_value());
  const std::vector<std::string> want = lines_of(original);
  const std::vector<std::string> got = lines_of(repair->text);
  REQUIRE(want.size() > 5);
  REQUIRE(got.size() == want.size());
  REQUIRE(want[1] == "title: 一周总结与回顾-0\n");
  REQUIRE(want[5] == "tags: 反思与总结\n");

  // Not every damaged character can be recovered without data beyond ICU:
  // - 与 (E4 B8 8E) lost 8E, leaving "ä¸", which 中 (E4 B8 AD, lost AD)
  //   and 不 (E4 B8 8D) leave too. No dictionary word joins 与 to 总结 or
  //   回顾, so only character frequency decides, and 中 is more frequent;
  //   telling them apart needs bigram statistics of Chinese text.
  // - 反 (E5 8F 8D) lost both continuation bytes: 64 combinations remain,
  //   and ICU's dictionary has no word 反思 to single it out.
  // What can be known is checked: every other character, including the
  // damaged 回 (its 9E lost) and 思 (its 9D lost).
  const std::u32string title = code_points(got[1]);
  const std::u32string want_title = code_points(want[1]);
  REQUIRE(title.size() == want_title.size());
  const std::size_t yu = want_title.find(U'与');
  CHECK(title.substr(0, yu) == want_title.substr(0, yu));
  CHECK(title.substr(yu + 1) == want_title.substr(yu + 1));

  const std::u32string tags = code_points(got[5]);
  const std::u32string want_tags = code_points(want[5]);
  REQUIRE(tags.size() == want_tags.size());
  for (std::size_t i = 0; i < want_tags.size(); ++i) {
    if (want_tags[i] == U'反' || want_tags[i] == U'与') continue;
    CHECK(tags[i] == want_tags[i]);
  }
}

TEST_CASE("a Chinese paragraph damaged through cp1254 is detected and repaired",
          "[mojibake]") {
  const std::string text = repeat(kParagraph, 3);
  const std::string mojibake = make_mojibake(text, "windows-1254");
  REQUIRE(damaged_characters(text, kCp1254Lost) >= 20);  // real damage

  const auto repair = kb::repair_mojibake(mojibake);
  REQUIRE(repair.has_value());
  CHECK(repair->codepage == "cp1254");
  const double ratio = similarity(text, repair->text);
  INFO("similarity " << ratio);
  CHECK(ratio >= 0.95);
}

TEST_CASE("a Chinese paragraph damaged through cp1252 is detected and repaired",
          "[mojibake]") {
  const std::string text = repeat(kParagraph, 3);
  const std::string mojibake = make_mojibake(text, "windows-1252");
  REQUIRE(damaged_characters(text, kCp1252Lost) >= 20);
  // cp1252 keeps what cp1254 drops: 与's 8E comes through as Ž.
  REQUIRE(mojibake.find("Ž") != std::string::npos);

  const auto repair = kb::repair_mojibake(mojibake);
  REQUIRE(repair.has_value());
  CHECK(repair->codepage == "cp1252");
  const double ratio = similarity(text, repair->text);
  INFO("similarity " << ratio);
  CHECK(ratio >= 0.95);
}

TEST_CASE("a character no code page has is kept as it is", "[mojibake]") {
  // Added after the damage: → (U+2192) is in no code page's repertoire.
  const std::string text = repeat(kParagraph, 3);
  const std::string mojibake = make_mojibake(text, "windows-1254") + "a → b\n";
  const auto repair = kb::repair_mojibake(mojibake);
  REQUIRE(repair.has_value());
  CHECK(lines_of(repair->text).back() == "a → b\n");
}

TEST_CASE("plain ASCII and real Chinese text are not mojibake", "[mojibake]") {
  CHECK_FALSE(kb::repair_mojibake(repeat("The quick brown fox jumps over the "
                                         "lazy dog.\n",
                                         20))
                  .has_value());
  CHECK_FALSE(kb::repair_mojibake(repeat(kParagraph, 3)).has_value());
}

TEST_CASE("French, German and Turkish text are not mojibake", "[mojibake]") {
  // Every accented letter here is in the cp1252/cp1254 repertoire, so the
  // first test passes; but mapped back to bytes, "é" is the lone byte E9,
  // which no valid UTF-8 sequence is made of, so the second test fails.
  const std::string texts[] = {
      "L'été dernier, nous sommes allés à la mer près de Saint-Malo. Le café "
      "était délicieux, la crème brûlée aussi, et on a déjà prévu d'y "
      "retourner à Noël avec nos élèves.\n",
      "Über die Größe der Straßenbäume wurde lange gestritten; schließlich "
      "hat der Bürgermeister entschieden, dass die Äste über den Gehweg nur "
      "zwölf Fuß hoch hängen dürfen. Schöne Grüße!\n",
      "Geçen hafta İstanbul'da güzel bir gün geçirdik: Boğaz'da çay içtik, "
      "şehrin ışıklarını izledik ve öğleden sonra Kadıköy'e gittik. Çok "
      "güzeldi, teşekkür ederiz!\n",
  };
  for (const std::string& text : texts) {
    INFO(text);
    REQUIRE(text.size() >= 64);
    REQUIRE(non_ascii_characters(text) >= 16);
    CHECK_FALSE(kb::repair_mojibake(text).has_value());
  }
}

TEST_CASE("short text never triggers", "[mojibake]") {
  // 一周总结与回顾 damaged: 19 non-ASCII characters, but only 43 bytes.
  const std::string phrase = make_mojibake("一周总结与回顾", "windows-1254");
  REQUIRE(phrase.size() < 64);
  REQUIRE(non_ascii_characters(phrase) >= 16);
  CHECK_FALSE(kb::repair_mojibake(phrase).has_value());

  // 64 bytes and more, but fewer than 16 non-ASCII characters.
  const std::string sparse = "Weekly notes, see the section titled " +
                             make_mojibake("一周总结", "windows-1254") +
                             " for details.\n";
  REQUIRE(sparse.size() >= 64);
  REQUIRE(non_ascii_characters(sparse) < 16);
  CHECK_FALSE(kb::repair_mojibake(sparse).has_value());

  // The same damage, with enough of both, is detected: the limits decided.
  const std::string enough = "Weekly notes:\n" + repeat(phrase + "\n", 3);
  REQUIRE(enough.size() >= 64);
  CHECK(kb::repair_mojibake(enough).has_value());
}

TEST_CASE("a few stray \"Ã©\" amid normal text are not mojibake",
          "[mojibake]") {
  // Amid real accents: "Ã©" reverses to valid UTF-8 but "é" does not, and
  // the real accents are the majority.
  const std::string french =
      "Le café était délicieux et l'été très agréable; le cafÃ© de "
      "l'ancien export, lui, est cassé. Déjà vu à Noël, où les "
      "élèves ont mangé une crème brûlée près de la forêt. Ã© encore.\n";
  REQUIRE(non_ascii_characters(french) >= 16);
  CHECK_FALSE(kb::repair_mojibake(french).has_value());

  // Amid ASCII only, repeated: Latin mojibake, left alone on purpose (a note
  // quoting it cannot be told from a damaged one).
  const std::string english = repeat(
      "An old export shows Ã© where the original had an e with an acute "
      "accent; cafÃ© is an example.\n",
      5);
  REQUIRE(non_ascii_characters(english) >= 16);
  CHECK_FALSE(kb::repair_mojibake(english).has_value());

  // Amid real Chinese.
  std::string chinese = kbtest::read_file(kOriginalPath);
  for (std::size_t at : {chinese.size() / 3, chinese.size() / 2}) {
    chinese.insert(chinese.find('\n', at), " cafÃ© Ã©");  // at a line end
  }
  CHECK_FALSE(kb::repair_mojibake(chinese).has_value());
}

TEST_CASE("a megabyte of ASCII or of real Chinese is not mojibake",
          "[mojibake]") {
  const std::string ascii =
      repeat("The quick brown fox jumps over the lazy dog.\n", 24'000);
  const std::string chinese = repeat(kbtest::read_file(kOriginalPath), 170);
  REQUIRE(ascii.size() >= 1'000'000);
  REQUIRE(chinese.size() >= 1'000'000);
  for (const std::string* text : {&ascii, &chinese}) {
    CHECK_FALSE(kb::repair_mojibake(*text).has_value());
  }
}

TEST_CASE("a megabyte of mojibake is repaired whole", "[mojibake]") {
  const std::string mojibake = repeat(kbtest::read_file(kMojibakePath), 170);
  REQUIRE(mojibake.size() >= 1'000'000);
  const auto repair = kb::repair_mojibake(mojibake);
  REQUIRE(repair.has_value());
  CHECK(repair->repaired + repair->unrepaired ==
        170 *
            damaged_characters(kbtest::read_file(kOriginalPath), kCp1254Lost));
}
