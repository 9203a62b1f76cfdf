// Block search: Searcher::blocks() once its query is parsed.
#ifndef KB_SRC_SEARCH_BLOCK_SEARCH_H_
#define KB_SRC_SEARCH_BLOCK_SEARCH_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "kb/searcher.h"
#include "store/index_reader.h"
#include "kb/status.h"

namespace kb {

// The tag terms (prefix::kTag) `query` names, negated ones included.
std::vector<std::string> tag_terms_of(const Xapian::Query& query);

// The tagged blocks of the notes in `reader.db` with a block that one of
// `tag_terms` covers (prefix::kBlockTag) and that `query` (parsed for it,
// link filters applied) matches, each block taken as a document of its
// own: its text and its tags' terms, and the note's filter terms and
// values (folder, language, properties, title, id, date). So the query is
// read once, by the same parser and analyzer as search, and only the notes
// with such a block are read: the block documents live in memory for this
// call. kCorruption when a record cannot be read. Throws Xapian::Error, for
// the caller's guarded().
Result<BlockResults> search_blocks(const IndexReader& reader, const Xapian::Query& query,
                                   const std::vector<std::string>& tag_terms,
                                   const BlockOptions& options);

}  // namespace kb

#endif  // KB_SRC_SEARCH_BLOCK_SEARCH_H_
