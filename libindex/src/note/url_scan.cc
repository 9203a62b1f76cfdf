// URL scan: the grammar is in url_scan.h; tests in tests/unit/note/url_scan_test.cc.

#include "note/url_scan.h"

#include <unicode/uchar.h>

#include <cstddef>
#include <string_view>

#include "note/inline_text.h"
#include "note/template_tags.h"
#include "text/utf8.h"

namespace kb {

namespace {

constexpr std::size_t kMaxSchemeLength = 32;  // as for CommonMark autolinks

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

bool is_scheme_character(char c) { return is_ascii_alnum(c) || c == '+' || c == '-' || c == '.'; }

bool starts_with_www(std::string_view text, std::size_t i) {
  if (text.size() - i < 4 || text[i + 3] != '.') return false;
  for (std::size_t k = i; k < i + 3; ++k) {
    if (text[k] != 'w' && text[k] != 'W') return false;
  }
  return true;
}

// Where the URL that starts at text[i] has its body, just past "scheme://"
// or "www.", or i when no URL prefix starts there.
std::size_t body_start(std::string_view text, std::size_t i) {
  const char before = i > 0 ? text[i - 1] : ' ';
  if (is_ascii_alnum(before)) return i;
  const std::size_t scheme = url_scheme_length(text, i);
  if (scheme > 0 && text.substr(i + scheme, 3) == "://") return i + scheme + 3;
  if (starts_with_www(text, i)) {
    const bool inside_host_or_path = before == '.' || before == '-' || before == '_' ||
                                     before == '/' || before == '@' || before == ':';
    return inside_host_or_path ? i : i + 4;
  }
  return i;
}

bool is_letter_mark_or_number(char32_t c) {
  return (U_MASK(u_charType(static_cast<UChar32>(c))) &
          (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

// True when the non-ASCII code point `c` ends a URL.
bool ends_url(char32_t c) {
  if (c == kInlinePlaceholder || c == 0xFEFF) return true;
  // A wikilink or an escaped character ends it: "https://x.org/[[a]]".
  if (c >= kFirstStandIn && c <= kLastStandIn) return true;
  const bool punctuation_block = (c >= 0x80 && c <= 0xA0) ||      // C1 controls, NBSP
                                 (c >= 0x2000 && c <= 0x206F) ||  // “quotes”, — …
                                 (c >= 0x3000 && c <= 0x303F) ||  // 、。「」
                                 (c >= 0xFF01 && c <= 0xFF0F) ||  // full-width ！＂＃…／
                                 (c >= 0xFF1A && c <= 0xFF20) ||  // ：；＜＝＞？＠
                                 (c >= 0xFF3B && c <= 0xFF40) ||  // ［＼］＾＿｀
                                 (c >= 0xFF5B && c <= 0xFF65);    // ｛｜｝～ and ｟｠｡｢｣､･
  return punctuation_block && !is_letter_mark_or_number(c);
}

// The length of the character at text[i] when it is part of a URL's body,
// or 0 when it ends the URL.
std::size_t body_character_length(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    const bool ends = b <= 0x20 || b == 0x7F || b == '<' || b == '>' || b == '"' || b == '`' ||
                      b == '|';
    return ends ? 0 : 1;
  }
  const std::size_t n = utf8::valid_sequence_length(text, i);
  if (n == 0) return 0;
  std::size_t k = i;
  return ends_url(utf8::next(text, k)) ? 0 : n;
}

// True when text[i] may come first after the prefix: an ASCII letter or
// digit, or a letter of another script.
bool starts_host(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  if (static_cast<unsigned char>(text[i]) < 0x80) return is_ascii_alnum(text[i]);
  if (utf8::valid_sequence_length(text, i) == 0) return false;
  std::size_t k = i;
  return u_isalpha(static_cast<UChar32>(utf8::next(text, k))) != 0;
}

// `end` moved back over the trailing characters that belong to the sentence
// around the URL whose body is text[body, end). Never back to `body`: the
// first character is a letter or digit.
std::size_t without_trailing_punctuation(std::string_view text, std::size_t body,
                                         std::size_t end) {
  long parens = 0;    // '(' minus ')' inside the URL
  long brackets = 0;  // '[' minus ']'
  for (std::size_t k = body; k < end; ++k) {
    if (text[k] == '(') ++parens;
    if (text[k] == ')') --parens;
    if (text[k] == '[') ++brackets;
    if (text[k] == ']') --brackets;
  }
  while (end > body) {
    const char last = text[end - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' ||
        last == '\'') {
      --end;
    } else if (last == ')' && parens < 0) {
      ++parens;
      --end;
    } else if (last == ']' && brackets < 0) {
      ++brackets;
      --end;
    } else {
      break;
    }
  }
  return end;
}

}  // namespace

std::size_t url_scheme_length(std::string_view text, std::size_t i) {
  if (i >= text.size() || !is_ascii_alpha(text[i])) return 0;
  std::size_t end = i + 1;
  while (end < text.size() && end - i <= kMaxSchemeLength && is_scheme_character(text[end])) {
    ++end;
  }
  const std::size_t length = end - i;
  const bool colon = end < text.size() && text[end] == ':';
  return colon && length >= 2 && length <= kMaxSchemeLength ? length : 0;
}

std::size_t bare_url_length(std::string_view text, std::size_t i) {
  const std::size_t body = body_start(text, i);
  if (body == i || !starts_host(text, body)) return 0;
  std::size_t end = body;
  while (end < text.size()) {
    const std::size_t n = body_character_length(text, end);
    if (n == 0) break;
    end += n;
  }
  return without_trailing_punctuation(text, body, end) - i;
}

bool contains_bare_url(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (bare_url_length(text, i) > 0) return true;
  }
  return false;
}

}  // namespace kb
