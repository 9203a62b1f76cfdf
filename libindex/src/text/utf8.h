// Small UTF-8 helpers shared by the parser, the analyzer and the snippets.
#ifndef KB_SRC_UTF8_H_
#define KB_SRC_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace kb::utf8 {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t valid_sequence_length(std::string_view s, std::size_t i);

// True when all of `s` is valid UTF-8.
bool is_valid(std::string_view s);

// `s` with each maximal invalid subsequence replaced by U+FFFD; the number of
// replacements is stored in *replaced when it is not null.
std::string replace_invalid(std::string_view s, std::size_t* replaced);

// Decodes the code point at s[i] and advances i past it. REQUIRES: s is
// valid UTF-8 and i < s.size().
char32_t next(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of `c` to `out`.
void append(std::string& out, char32_t c);

}  // namespace kb::utf8

#endif  // KB_SRC_UTF8_H_
