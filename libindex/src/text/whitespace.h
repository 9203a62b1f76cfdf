// Whitespace: which characters count as it, and trimming it off text.
//
// Two notions, because the inputs differ: what Markdown, YAML and template
// syntax treat as space is ASCII whitespace, while names written by people
// (front-matter tags) may be padded with any Unicode space, such as the
// ideographic space U+3000 a Chinese input method types.
#ifndef KB_SRC_WHITESPACE_H_
#define KB_SRC_WHITESPACE_H_

#include <string_view>

namespace kb {

// ' ', '\t', '\n', '\r', '\f' and '\v'.
bool is_ascii_whitespace(char c);

// Unicode White_Space: ASCII whitespace and also U+0085, U+00A0, U+1680,
// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
bool is_unicode_whitespace(char32_t c);

// `s` without the ASCII whitespace at either end.
std::string_view trim_ascii_whitespace(std::string_view s);

// `s` without the ASCII whitespace at its end, for lines whose indentation
// means something (an indented "---" opens no front matter).
std::string_view trim_trailing_ascii_whitespace(std::string_view s);

// `s` without the Unicode whitespace at either end. Invalid UTF-8 is not
// whitespace and is kept.
std::string_view trim_unicode_whitespace(std::string_view s);

}  // namespace kb

#endif  // KB_SRC_WHITESPACE_H_
