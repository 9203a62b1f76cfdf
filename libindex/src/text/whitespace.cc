#include "text/whitespace.h"

#include <unicode/uchar.h>

#include <cstddef>

#include "text/utf8.h"

namespace kb {

bool is_ascii_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_unicode_whitespace(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

std::string_view trim_ascii_whitespace(std::string_view s) {
  while (!s.empty() && is_ascii_whitespace(s.front())) s.remove_prefix(1);
  return trim_trailing_ascii_whitespace(s);
}

std::string_view trim_trailing_ascii_whitespace(std::string_view s) {
  while (!s.empty() && is_ascii_whitespace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim_unicode_whitespace(std::string_view s) {
  // Decoding goes forwards only, so one pass finds the first and the last
  // character that is not whitespace.
  std::size_t first = s.size();
  std::size_t last = s.size();
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    bool space = false;
    if (utf8::valid_sequence_length(s, i) == 0) {
      ++i;
    } else {
      space = is_unicode_whitespace(utf8::next(s, i));
    }
    if (!space) {
      if (first == s.size()) first = start;
      last = i;
    }
  }
  if (first == s.size()) return {};
  return s.substr(first, last - first);
}

}  // namespace kb
