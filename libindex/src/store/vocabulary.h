// Index vocabulary: the knowledge base's own words, read from the index, as
// a guide for parsing a note (mojibake repair; see kb/vocabulary.h).
#ifndef KB_SRC_STORE_VOCABULARY_H_
#define KB_SRC_STORE_VOCABULARY_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "kb/vocabulary.h"

namespace kb {

// CJK pair frequencies are the index's term frequencies (CJK bigrams are
// unprefixed terms, see analyzer.h), leaving out the indexed version of
// the note at `path` itself and of every note indexed as repaired from
// mojibake: an old, wrongly repaired text does not vote for its own
// mistakes, and a note is repaired with the words a rebuild would give it
// (a rebuild repairs after every clean note is in, and no repaired one).
// Keeps a reference to the database's revision at construction; Xapian
// errors are caught: a lookup that fails counts 0, and notes the
// constructor could not list are not left out.
class IndexVocabulary final : public Vocabulary {
 public:
  IndexVocabulary(const Xapian::Database& db, const std::string& path);
  std::uint64_t cjk_pair_frequency(std::string_view pair) const override;

 private:
  Xapian::Database db_;
  std::vector<Xapian::docid> left_out_;  // the note's own and the repaired ones
};

}  // namespace kb

#endif  // KB_SRC_STORE_VOCABULARY_H_
