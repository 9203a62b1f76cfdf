// Index vocabulary: the knowledge base's own words, read from the index, as
// a guide for parsing a note (mojibake repair; see kb/vocabulary.h).
#ifndef KB_SRC_STORE_VOCABULARY_H_
#define KB_SRC_STORE_VOCABULARY_H_

#include <xapian.h>

#include <string>

#include "kb/vocabulary.h"

namespace kb {

// CJK pair frequencies are the index's term frequencies (CJK bigrams are
// unprefixed terms, see analyzer.h), leaving out the indexed version of
// the note at `path` itself, so that its old, wrongly repaired text does
// not vote for its own mistakes. Keeps a reference to the database's
// revision at construction; Xapian errors are caught and count as 0.
class IndexVocabulary final : public Vocabulary {
 public:
  IndexVocabulary(const Xapian::Database& db, const std::string& path);
  std::uint64_t cjk_pair_frequency(std::string_view pair) const override;

 private:
  Xapian::Database db_;
  Xapian::docid own_ = 0;  // the note's own document, 0 when not indexed
};

}  // namespace kb

#endif  // KB_SRC_STORE_VOCABULARY_H_
