// Snippet: finds the block of a note that matches a query best and cuts a
// highlighted extract from it.
#ifndef KB_SRC_SNIPPET_H_
#define KB_SRC_SNIPPET_H_

#include <string>
#include <string_view>
#include <vector>

#include "kb/note.h"
#include "kb/searcher.h"
#include "search/query_parser.h"

namespace kb {

// Byte ranges of `text` that match a needle, sorted and merged: touching or
// overlapping ranges become one, so 大模型 is one highlight, not three.
std::vector<Highlight> find_highlights(std::string_view text,
                                       const std::vector<Needle>& needles);

struct BestMatch {
  Snippet snippet;
  int line = 0;      // file line of the first highlight, or of the block
  int section = -1;  // index into Note::headings, or -1
  std::string line_text;  // the block's text on that line
};

// The extract of `note` to show for a query with `needles`: from the block
// that matches most distinct needles (the earliest on a tie), else from the
// first block. At most about `max_chars` characters, cut at "…".
BestMatch best_match(const Note& note, const std::vector<Needle>& needles,
                     std::size_t max_chars = 160);

// The headings that `section` sits under, outermost first, ending with it.
std::vector<std::string> heading_path(const std::vector<Heading>& headings,
                                      int section);

}  // namespace kb

#endif  // KB_SRC_SNIPPET_H_
