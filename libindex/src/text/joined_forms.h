// Joined forms: "gpt-4" is also the word "gpt4", so that a note writing
// one is found by a query writing the other.
#ifndef KB_SRC_JOINED_FORMS_H_
#define KB_SRC_JOINED_FORMS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

// A hyphen that splits a word of letters from a word of digits, either
// way round ("gpt-4", "4-bit", "gpt-3.5", "llama-2"), in folded text: the
// two words around it, and their joined form ("gpt4", "4bit", "gpt3.5").
// The words are ASCII letters and digits, with '.' or ',' between digits as
// Xapian's term generator keeps them ("3.5"); a split between two words of
// letters ("decoder-only") or two of digits ("2024-10") is not one, since
// joining those makes words nobody writes.
struct LetterDigitSplit {
  std::size_t begin = 0;  // of the first word in the text
  std::size_t end = 0;    // after the second word
  std::string joined;
};

// Every letter-digit split of `text`, in order; one pass over the text.
// In "llama-2-7b" only "llama-2" is one ("2-7b" joins digits to digits).
std::vector<LetterDigitSplit> letter_digit_splits(std::string_view text);

// `word` with each letter-digit split joined: "gpt-4" -> "gpt4",
// "gpt-4-turbo" -> "gpt4-turbo".
std::string with_splits_joined(std::string_view word);

}  // namespace kb

#endif  // KB_SRC_JOINED_FORMS_H_
