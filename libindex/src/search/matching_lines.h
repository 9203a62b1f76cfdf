// Matching lines: the lines of a note's file that hold a match of a query,
// each with the byte column of its first match in the file's own encoding
// (kb::MatchingLine), for editors' quickfix lists.
#ifndef KB_SRC_SEARCH_MATCHING_LINES_H_
#define KB_SRC_SEARCH_MATCHING_LINES_H_

#include <cstddef>
#include <vector>

#include "kb/note.h"
#include "kb/searcher.h"
#include "note/text_decoder.h"
#include "search/query_parser.h"

namespace kb {

// The file lines of `note`, as indexed, whose block text holds a highlight
// of `needles` (find_highlights()), in ascending order, at most `max`.
std::vector<int> lines_with_matches(const Note& note, const std::vector<Needle>& needles,
                                    std::size_t max);

// Lines `lines` (1-based, ascending) of `file`, the decoded text of a
// note's file, each with its text and the column of its first highlight of
// `needles` in it (1 when the line as written holds none). A line past the
// end of the file (it changed since it was indexed) is left out.
std::vector<MatchingLine> matching_lines(const DecodedText& file, const std::vector<int>& lines,
                                         const std::vector<Needle>& needles);

}  // namespace kb

#endif  // KB_SRC_SEARCH_MATCHING_LINES_H_
