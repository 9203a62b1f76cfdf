// Edit distance: how many one-code-point edits turn one name into another,
// for the "did you mean" of broken links (graph/link_suggestion.h).
#ifndef KB_SRC_TEXT_EDIT_DISTANCE_H_
#define KB_SRC_TEXT_EDIT_DISTANCE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kb {

// The code points of `s`; each byte of an invalid UTF-8 sequence counts as
// one U+FFFD.
std::u32string code_points(std::string_view s);

// The Damerau-Levenshtein distance between `a` and `b`, as optimal string
// alignment: inserting, deleting or replacing a code point, or swapping two
// adjacent ones, costs 1 ("Transfomer" -> "Transformer" is 1, "GTP" ->
// "GPT" is 1). Code points are compared as given: fold both first. When
// the distance is above `bound`, returns bound + 1 as soon as that is
// certain, so a search among many names costs O(|a| * (2 * bound + 1)) per
// name.
std::size_t edit_distance(std::u32string_view a, std::u32string_view b,
                          std::size_t bound = SIZE_MAX);

}  // namespace kb

#endif  // KB_SRC_TEXT_EDIT_DISTANCE_H_
