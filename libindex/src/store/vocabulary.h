// Vocabulary: the knowledge base's own words, read from the index, as a
// guide for parsing a note (mojibake repair).
#ifndef KB_SRC_VOCABULARY_H_
#define KB_SRC_VOCABULARY_H_

#include <xapian.h>

#include <string>

#include "kb/note_parser.h"

namespace kb {

// Parse options whose CJK pair frequencies are the index's term
// frequencies, leaving out the indexed version of `path` itself, so that a
// note's old, wrongly repaired text does not vote for its own mistakes.
ParseOptions parse_options_for(const Xapian::Database& db,
                               const std::string& path);

}  // namespace kb

#endif  // KB_SRC_VOCABULARY_H_
