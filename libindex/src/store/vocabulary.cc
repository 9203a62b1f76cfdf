#include "store/vocabulary.h"

#include <algorithm>

#include "store/index_schema.h"
#include "store/term_prefixes.h"

namespace kb {

IndexVocabulary::IndexVocabulary(const Xapian::Database& db, const std::string& path)
    : db_(db) {
  try {
    if (const Xapian::docid own = find_note(db_, path); own != 0) left_out_.push_back(own);
    for (auto it = db_.postlist_begin(prefix::kRepaired); it != db_.postlist_end(prefix::kRepaired);
         ++it) {
      if (std::find(left_out_.begin(), left_out_.end(), *it) == left_out_.end()) {
        left_out_.push_back(*it);
      }
    }
  } catch (const Xapian::Error&) {
    // No evidence either way: the frequencies count every note.
  }
}

std::uint64_t IndexVocabulary::cjk_pair_frequency(std::string_view pair) const {
  // The contract says "must not fail": an unreadable index is no evidence.
  try {
    const std::string term(pair);
    Xapian::doccount freq = db_.get_termfreq(term);
    for (const Xapian::docid doc : left_out_) {
      if (freq == 0) break;
      Xapian::TermIterator it = db_.termlist_begin(doc);
      it.skip_to(term);
      if (it != db_.termlist_end(doc) && *it == term) --freq;
    }
    return freq;
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace kb
