#include "store/vocabulary.h"

#include "store/index_schema.h"

namespace kb {

IndexVocabulary::IndexVocabulary(const Xapian::Database& db, const std::string& path)
    : db_(db), own_(find_note(db, path)) {}

std::uint64_t IndexVocabulary::cjk_pair_frequency(std::string_view pair) const {
  // The contract says "must not fail": an unreadable index is no evidence.
  try {
    const std::string term(pair);
    Xapian::doccount freq = db_.get_termfreq(term);
    if (own_ != 0 && freq > 0) {
      Xapian::TermIterator it = db_.termlist_begin(own_);
      it.skip_to(term);
      if (it != db_.termlist_end(own_) && *it == term) --freq;
    }
    return freq;
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace kb
