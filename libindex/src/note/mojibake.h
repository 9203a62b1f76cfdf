// Mojibake: UTF-8 text that was once decoded as a Windows code page and
// saved again as UTF-8 ("ä¸€å‘¨" for "一周"), detected and reversed.
#ifndef KB_SRC_MOJIBAKE_H_
#define KB_SRC_MOJIBAKE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kb/vocabulary.h"

namespace kb {

struct MojibakeRepair {
  std::string text;       // the repaired text, valid UTF-8
  std::string codepage;   // "cp1252", "cp1254" or "latin-1": the best fit
  std::size_t repaired = 0;    // broken sequences rebuilt from candidates
  std::size_t unrepaired = 0;  // broken sequences left as U+FFFD
};

// When `text` (valid UTF-8) is mojibake, returns it repaired; otherwise
// std::nullopt. Never guesses on short text: below 64 bytes, or with fewer
// than 16 non-ASCII characters, the answer is std::nullopt.
//
// Mojibake here means CJK text damaged this way: at least 90% of the
// non-ASCII characters are ones cp1252, cp1254 or Latin-1 map bytes to, and
// mapped back to those bytes, most pieces decode as UTF-8, mostly to CJK.
// Western text ("café") fails the second test; Latin mojibake ("cafÃ©") is
// deliberately left alone, as a note may quote it on purpose.
//
// Characters whose bytes the code page dropped cannot be recovered for sure;
// each is chosen among the characters the missing bytes could make, with
// ICU's CJK word dictionary as the language model (≈ 99% of the characters
// of the fixture pair come back; see mojibake.cc). Linear in the text size;
// real Chinese text is rejected after a fraction of one pass.
//
// `vocabulary` tells how often a string of two CJK characters occurs
// elsewhere in the knowledge base. A candidate that forms a pair the
// knowledge base holds beats any dictionary guess, so a note whose undamaged
// twin or whose vocabulary is indexed comes back as written there (seed 001's
// tag 反思与总结 cannot be rebuilt from the dictionary alone).
std::optional<MojibakeRepair> repair_mojibake(
    std::string_view text, const Vocabulary& vocabulary = Vocabulary::none());

// `text` (valid UTF-8) with U+FFFD for each character a repair may have
// guessed: one whose bytes hold a byte some code page drops. A repaired copy
// and its original agree on what is left, which is what tells them to be
// duplicates (store/document_builder.cc). Linear.
std::string without_guessed_characters(std::string_view text);

}  // namespace kb

#endif  // KB_SRC_MOJIBAKE_H_
