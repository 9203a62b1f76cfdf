// Tags: the inline #tag grammar and the tags of front matter.
//
// Decisions where tags.h is silent (examples in fixtures/spec/tags.md, tests
// in tests/unit/note/tags_test.cc):
//
// find_inline_tags
// - Markers: '#' and the full-width '＃' (U+FF03), which Chinese input
//   methods type. A marker right after another marker never starts a tag
//   ("##tag", "＃＃tag").
// - A tag starts at the start of `markup`, after Unicode whitespace (also
//   U+3000 and U+00A0), after punctuation that is not ASCII (general
//   category P: "，。、：【「（", and also "“”—…·"), and after the symbols of
//   the CJK blocks (is_cjk and category S, "～"). Never after ASCII
//   punctuation: "(#x)", "a/#b", "&#35;", "[[#heading]]", "color=#fff" give
//   no tag. Never after a letter, digit, mark, emoji, U+FFFC or invalid
//   UTF-8.
// - Body characters: letters (L), decimal digits (Nd), letter numbers (Nl,
//   "〇"), marks (M, which include the variation selectors U+FE0x), '_', '-',
//   '/', Extended_Pictographic and Emoji_Presentation code points, ZWJ and
//   ZWNJ (Persian and Indic words use it), and the emoji tag characters
//   U+E0020-E007F (flags of England, Scotland, Wales). Anything else ends
//   the body; U+FFFC and invalid UTF-8 too.
// - Every trailing '/' and '-' is dropped ("#a/-/" is "a"). A body without
//   a letter or emoji is no tag: "#123", "#2024", but also "#2024-10",
//   "#1/2", "#_", "#-" and the keycap emoji "#️⃣".
// - The name is the body exactly as written (no normalisation).
// - Bare URLs (url_scan.h) are skipped, and a URL ends a body. The URL
//   grammar never starts a URL inside an ASCII word, which decides
//   "#参考https://x" ("参考"), "#https://x" (no tag) and "#ahttps://x" (no
//   tag: "ahttps://x" is a URL of its own).
//
// split_tag_value, tag_from_item
// - Split at ',' and '，' only (not '、' or spaces: "Daily Talk" is one
//   tag). Trimming is of Unicode whitespace; then one '#' or '＃' is dropped
//   and the rest trimmed again ("# a" is "a", "##x" is "#x"). No other rule
//   of the inline grammar applies: "C++" and "2024" are tags here.
//
// tag_is_below
// - An empty prefix is below nothing; a trailing '/' of the prefix is
//   ignored ("a/b" is below "a/").

#include "note/tags.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "note/inline_text.h"
#include "note/url_scan.h"
#include "text/segmenter.h"
#include "text/utf8.h"
#include "text/whitespace.h"

namespace kb {

namespace {

constexpr char32_t kFullWidthHash = 0xFF03;  // '＃'
constexpr char32_t kZwnj = 0x200C;
constexpr char32_t kZwj = 0x200D;

// The code point at s[i] and its length in bytes. An invalid byte reads as
// U+FFFD of length 1, which is neither whitespace nor part of a tag.
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  len = utf8::valid_sequence_length(s, i);
  if (len == 0) {
    len = 1;
    return 0xFFFD;
  }
  std::size_t j = i;
  return utf8::next(s, j);
}

bool is_ascii_alpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

std::uint32_t category_mask(char32_t c) {
  return U_MASK(u_charType(static_cast<UChar32>(c)));
}

bool is_emoji(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  return u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(u, UCHAR_EMOJI_PRESENTATION);
}

// What a body character counts as: a letter or emoji makes a body a tag;
// digits, marks, joiners and "_-/" only go along with them.
enum class Body { kNo, kLetter, kOther };

Body body_kind(char32_t c) {
  if (c < 0x80) {
    if (is_ascii_alpha(c)) return Body::kLetter;
    if (is_ascii_digit(c) || c == '_' || c == '-' || c == '/') {
      return Body::kOther;
    }
    return Body::kNo;
  }
  const std::uint32_t mask = category_mask(c);
  if (mask & U_GC_L_MASK) return Body::kLetter;
  if (mask & (U_GC_ND_MASK | U_GC_NL_MASK | U_GC_M_MASK)) return Body::kOther;
  if (c == kZwj || c == kZwnj) return Body::kOther;
  // Emoji tag characters, as in the flag of England.
  if (c >= 0xE0020 && c <= 0xE007F) return Body::kOther;
  if (c == kInlinePlaceholder) return Body::kNo;
  if (is_emoji(c)) return Body::kLetter;
  return Body::kNo;
}

bool is_marker(char32_t c) { return c == '#' || c == kFullWidthHash; }

// True when a '#' right after `c` may start a tag: whitespace, and
// punctuation that is not ASCII (CJK and full-width punctuation, also
// "“”—…"), and the symbols of the CJK blocks. Never a letter, a digit, an
// emoji, ASCII punctuation ("C#", "a/#b", "&#"), U+FFFC or a marker.
bool lets_tag_start(char32_t c) {
  if (is_unicode_whitespace(c)) return true;
  if (c < 0x80 || c == kInlinePlaceholder || c == kFullWidthHash) return false;
  if (body_kind(c) != Body::kNo) return false;
  const std::uint32_t mask = category_mask(c);
  if (mask & U_GC_P_MASK) return true;
  return is_cjk(c) && (mask & U_GC_S_MASK) != 0;
}

// A name as written in front matter: trimmed, one leading '#' or '＃'
// dropped, trimmed again.
std::string_view front_matter_name(std::string_view s) {
  s = trim_unicode_whitespace(s);
  if (!s.empty() && s.front() == '#') {
    s.remove_prefix(1);
  } else if (s.substr(0, 3) == "\xEF\xBC\x83") {  // '＃'
    s.remove_prefix(3);
  }
  return trim_unicode_whitespace(s);
}

}  // namespace

std::vector<Tag> find_inline_tags(std::string_view markup, int first_line,
                                  int block) {
  std::vector<Tag> tags;
  int line = first_line;
  std::size_t counted = 0;  // newlines before this offset are in `line`
  bool can_start = true;    // the start of the text is the start of a line
  std::size_t i = 0;
  while (i < markup.size()) {
    // A URL's '#' is its fragment.
    if (const std::size_t length = bare_url_length(markup, i); length > 0) {
      i += length;
      can_start = false;
      continue;
    }
    std::size_t len = 0;
    const char32_t c = decode(markup, i, len);
    if (!(is_marker(c) && can_start)) {
      can_start = lets_tag_start(c);
      i += len;
      continue;
    }
    // A marker where a tag may start: read the body.
    const std::size_t body_start = i + len;
    std::size_t end = body_start;
    bool has_letter = false;
    while (end < markup.size()) {
      // A URL ends the body; none starts inside an ASCII word, so
      // "#参考https://..." is "参考", "#https://..." no tag.
      if (bare_url_length(markup, end) > 0) break;
      std::size_t n = 0;
      const Body kind = body_kind(decode(markup, end, n));
      if (kind == Body::kNo) break;
      has_letter = has_letter || kind == Body::kLetter;
      end += n;
    }
    std::size_t name_end = end;
    while (name_end > body_start &&
           (markup[name_end - 1] == '/' || markup[name_end - 1] == '-')) {
      --name_end;
    }
    if (has_letter) {
      line += static_cast<int>(
          std::count(markup.begin() + static_cast<std::ptrdiff_t>(counted),
                     markup.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
      counted = i;
      Tag tag;
      tag.name = std::string(markup.substr(body_start, name_end - body_start));
      tag.source = Tag::Source::kInline;
      tag.line = line;
      tag.block = block;
      tags.push_back(std::move(tag));
    }
    // What follows the body (or a marker without one) never starts a tag
    // by itself: it comes after a body character or a marker.
    i = end;
    can_start = false;
  }
  return tags;
}

std::vector<std::string> split_tag_value(std::string_view value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  std::size_t i = 0;
  const auto flush = [&](std::size_t end) {
    const std::string_view name =
        front_matter_name(value.substr(start, end - start));
    if (!name.empty()) out.emplace_back(name);
  };
  while (i < value.size()) {
    if (value[i] == ',') {
      flush(i);
      start = i + 1;
      i = start;
    } else if (value.substr(i, 3) == "\xEF\xBC\x8C") {  // '，'
      flush(i);
      start = i + 3;
      i = start;
    } else {
      ++i;
    }
  }
  flush(value.size());
  return out;
}

std::string tag_from_item(std::string_view item) {
  return std::string(front_matter_name(item));
}

std::string tag_key(std::string_view name) { return normalize(name); }

bool tag_is_below(std::string_view name, std::string_view prefix) {
  const std::string key = tag_key(name);
  std::string below = tag_key(prefix);
  // "a/" asks for what is below "a".
  while (!below.empty() && below.back() == '/') below.pop_back();
  if (below.empty()) return false;
  if (key.size() < below.size() || key.compare(0, below.size(), below) != 0) {
    return false;
  }
  return key.size() == below.size() || key[below.size()] == '/';
}

}  // namespace kb
