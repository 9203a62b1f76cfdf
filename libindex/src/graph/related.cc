#include "graph/related.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "graph/link_resolver.h"
#include "graph/note_links.h"
#include "store/index_schema.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

// Points for each kind of evidence; fixed, not tuned on data.
constexpr double kDirectLink = 2;     // links to or from the note
constexpr double kCoCitation = 1;     // links to a note the note links to
constexpr double kSharedTag = 1;      // per tag in common
constexpr double kSimilarWords = 3;   // times the relevance-feedback percent

using Scores = std::map<std::string, double>;

// Direct neighbours, and notes that link where the note links
// (co-citation).
Status score_links(const IndexCatalog& catalog, const std::string& path, Scores& score) {
  Result<std::vector<ResolvedLink>> out = outgoing_links(catalog, path);
  if (!out) return out.error();
  std::set<std::string> targets;
  for (const ResolvedLink& r : *out) {
    if (reaches_note(r)) targets.insert(r.target);
  }
  for (const std::string& t : targets) {
    score[t] += kDirectLink;
    Result<std::vector<ResolvedLink>> back = backlinks(catalog, t);
    if (!back && back.error().code() != Code::kNotFound) return back.error();  // a file
    if (back) {
      for (const ResolvedLink& r : *back) score[r.source] += kCoCitation;
    }
  }
  Result<std::vector<ResolvedLink>> back = backlinks(catalog, path);
  if (!back) return back.error();
  for (const ResolvedLink& r : *back) score[r.source] += kDirectLink;
  return Status();
}

void score_tags(const IndexCatalog& catalog, Xapian::docid self, Scores& score) {
  const Xapian::Database& db = catalog.database();
  const std::string_view tag_prefix = prefix::kTag;
  Xapian::TermIterator t = db.termlist_begin(self);
  for (t.skip_to(prefix::kTag); t != db.termlist_end(self); ++t) {
    const std::string term = *t;
    if (term.compare(0, tag_prefix.size(), tag_prefix) != 0) break;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      score[catalog.path_of(*p)] += kSharedTag;
    }
  }
}

// Relevance feedback: the note's most telling terms, searched.
void score_words(const IndexCatalog& catalog, Xapian::docid self, const std::string& path,
                 std::size_t limit, Scores& score) {
  Xapian::Enquire enquire(catalog.database());
  Xapian::RSet rset;
  rset.add_document(self);
  enquire.set_query(Xapian::Query(note_id_term(path)));
  const Xapian::ESet terms = enquire.get_eset(20, rset);
  std::vector<Xapian::Query> expansion;
  for (auto t = terms.begin(); t != terms.end(); ++t) expansion.emplace_back(*t);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end()));
  const Xapian::MSet similar = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + 1));
  for (auto it = similar.begin(); it != similar.end(); ++it) {
    score[catalog.path_of(*it)] += kSimilarWords * it.get_percent() / 100.0;
  }
}

}  // namespace

Result<std::vector<std::string>> related_notes(const IndexCatalog& catalog,
                                               const std::string& path, std::size_t limit) {
  const Xapian::docid self = catalog.find(path);
  if (self == 0) return Status::not_found(path, "no such note in the index");
  Scores score;
  if (Status s = score_links(catalog, path, score); !s.ok()) return s;
  score_tags(catalog, self, score);
  score_words(catalog, self, path, limit, score);
  score.erase(path);
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [note, points] : score) ranked.emplace_back(-points, note);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> result;
  for (const auto& [points, note] : ranked) {
    if (result.size() == limit) break;
    result.push_back(note);
  }
  return result;
}

}  // namespace kb
