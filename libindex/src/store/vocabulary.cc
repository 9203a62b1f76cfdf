#include "store/vocabulary.h"

#include "store/document_builder.h"

namespace kb {

ParseOptions parse_options_for(const Xapian::Database& db,
                               const std::string& path) {
  Xapian::docid own = 0;
  const std::string id = note_id_term(path);
  if (auto post = db.postlist_begin(id); post != db.postlist_end(id)) own = *post;
  ParseOptions options;
  // CJK bigrams are unprefixed terms of the index (see analyzer.h).
  options.cjk_pair_frequency = [db, own](std::string_view pair) {
    const std::string term(pair);
    Xapian::doccount freq = db.get_termfreq(term);
    if (own != 0 && freq > 0) {
      Xapian::TermIterator it = db.termlist_begin(own);
      it.skip_to(term);
      if (it != db.termlist_end(own) && *it == term) --freq;
    }
    return static_cast<std::uint64_t>(freq);
  };
  return options;
}

}  // namespace kb
