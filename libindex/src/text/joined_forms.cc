#include "text/joined_forms.h"

namespace kb {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }

// Whether the word may start or end next to this byte: not inside a word
// Xapian would continue (a non-ASCII letter, '_', an upper-case letter of
// unfolded text).
bool is_word_boundary(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u < 0x80 && !is_alnum(c) && c != '_' && !(c >= 'A' && c <= 'Z');
}

// The end of the word starting at `at`: letters and digits, with '.' or ','
// between two digits.
std::size_t word_end(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    const char c = text[at];
    const bool infix = (c == '.' || c == ',') && at > 0 && is_digit(text[at - 1]) &&
                       at + 1 < text.size() && is_digit(text[at + 1]);
    if (!is_alnum(c) && !infix) break;
    ++at;
  }
  return at;
}

}  // namespace

std::vector<LetterDigitSplit> letter_digit_splits(std::string_view text) {
  std::vector<LetterDigitSplit> splits;
  std::size_t at = 0;
  while (at < text.size()) {
    if (!is_alnum(text[at]) || (at > 0 && !is_word_boundary(text[at - 1]))) {
      ++at;
      continue;
    }
    // Each word is scanned once as the first of a pair and once as the
    // second, so the pass is linear in the text.
    const std::size_t first_end = word_end(text, at);
    const bool hyphen = first_end + 1 < text.size() && text[first_end] == '-' &&
                        is_alnum(text[first_end + 1]);
    if (!hyphen) {
      at = first_end + 1;
      continue;
    }
    const std::size_t second = first_end + 1;
    const std::size_t second_end = word_end(text, second);
    const bool letter_digit = is_letter(text[first_end - 1]) != is_letter(text[second]);
    const bool whole = second_end == text.size() || is_word_boundary(text[second_end]);
    if (letter_digit && whole) {
      std::string joined(text.substr(at, first_end - at));
      joined += text.substr(second, second_end - second);
      splits.push_back(LetterDigitSplit{at, second_end, std::move(joined)});
    }
    at = second;
  }
  return splits;
}

std::string with_splits_joined(std::string_view word) {
  std::string out;
  std::size_t copied = 0;
  for (const LetterDigitSplit& split : letter_digit_splits(word)) {
    if (split.begin < copied) continue;  // "a-1-b": the first pair only
    out += word.substr(copied, split.begin - copied);
    out += split.joined;
    copied = split.end;
  }
  out += word.substr(copied);
  return out;
}

}  // namespace kb
