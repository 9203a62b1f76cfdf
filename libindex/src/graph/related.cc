#include "graph/related.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include "graph/link_resolver.h"
#include "graph/note_links.h"
#include "note/tags.h"
#include "store/index_schema.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

// Points for each kind of evidence; fixed, not tuned on data.
constexpr double kDirectLink = 2;     // per direction of a link between them
constexpr double kCoCitation = 1;     // per note both link to
constexpr double kSharedTag = 1;      // per tag in common
constexpr double kSimilarWords = 3;   // times the relevance-feedback percent
// How many of the note's most telling terms are searched for.
constexpr Xapian::termcount kTellingTerms = 20;

// What is known of each other note so far, by path.
struct Evidence {
  std::map<std::string, RelatedNote> notes;
  std::map<std::string, double> word_points;
  RelatedNote& of(const std::string& path) {
    RelatedNote& note = notes[path];
    note.path = path;
    return note;
  }
};

// Direct neighbours, and notes that link where the note links
// (co-citation).
Status add_links(const IndexCatalog& catalog, const std::string& path, Evidence& evidence) {
  Result<std::vector<ResolvedLink>> out = outgoing_links(catalog, path);
  if (!out) return out.error();
  std::set<std::string> targets;
  for (const ResolvedLink& r : *out) {
    if (reaches_note(r)) targets.insert(r.target);
  }
  for (const std::string& t : targets) {
    Result<std::vector<ResolvedLink>> back = backlinks(catalog, t);
    if (!back && back.error().code() == Code::kNotFound) continue;  // a file, not a note
    if (!back) return back.error();
    evidence.of(t).links_to = true;
    for (const ResolvedLink& r : *back) {
      // One entry per line, sources in order: a source's lines are together.
      std::vector<std::string>& shared = evidence.of(r.source).shared_targets;
      if (shared.empty() || shared.back() != t) shared.push_back(t);
    }
  }
  Result<std::vector<ResolvedLink>> back = backlinks(catalog, path);
  if (!back) return back.error();
  for (const ResolvedLink& r : *back) evidence.of(r.source).linked_from = true;
  return Status();
}

void add_tags(const IndexCatalog& catalog, Xapian::docid self, const Note& record,
              Evidence& evidence) {
  std::map<std::string, std::string> spelling;  // tag key -> as the note writes it
  for (const std::string& name : record.tag_names()) spelling.emplace(tag_key(name), name);
  const Xapian::Database& db = catalog.database();
  const std::string_view tag_prefix = prefix::kTag;
  Xapian::TermIterator t = db.termlist_begin(self);
  for (t.skip_to(prefix::kTag); t != db.termlist_end(self); ++t) {
    const std::string term = *t;
    if (term.compare(0, tag_prefix.size(), tag_prefix) != 0) break;
    const std::string key = term.substr(tag_prefix.size());
    const auto spelt = spelling.find(key);
    const std::string name = spelt == spelling.end() ? key : spelt->second;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      evidence.of(catalog.path_of(*p)).shared_tags.push_back(name);
    }
  }
}

// Words of the text itself: Xapian's stemmed ("Z...") and field-prefixed
// forms repeat them in a form nobody reads.
struct PlainWords : Xapian::ExpandDecider {
  bool operator()(const std::string& term) const override {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
  }
};

// Relevance feedback: the note's most telling terms, searched. Returns the
// terms, most telling first.
std::vector<std::string> add_words(const IndexCatalog& catalog, Xapian::docid self,
                                   const std::string& path, std::size_t limit,
                                   Evidence& evidence) {
  Xapian::Enquire enquire(catalog.database());
  Xapian::RSet rset;
  rset.add_document(self);
  enquire.set_query(Xapian::Query(note_id_term(path)));
  const PlainWords plain;
  const Xapian::ESet eset = enquire.get_eset(kTellingTerms, rset, &plain);
  std::vector<std::string> terms(eset.begin(), eset.end());
  if (terms.empty()) return terms;
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  const Xapian::MSet similar = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + 1));
  for (auto it = similar.begin(); it != similar.end(); ++it) {
    evidence.word_points[catalog.path_of(*it)] += kSimilarWords * it.get_percent() / 100.0;
  }
  return terms;
}

// Which of `terms` the note `id` has, in their order, without those that a
// longer one found holds ("注意" beside "注意力").
std::vector<std::string> words_in(const Xapian::Database& db, Xapian::docid id,
                                  const std::vector<std::string>& terms) {
  std::vector<std::string> found;
  for (const std::string& term : terms) {
    Xapian::TermIterator t = db.termlist_begin(id);
    t.skip_to(term);
    if (t != db.termlist_end(id) && *t == term) found.push_back(term);
  }
  std::vector<std::string> kept;
  for (const std::string& word : found) {
    const bool held = std::any_of(found.begin(), found.end(), [&](const std::string& other) {
      return other.size() > word.size() && other.find(word) != std::string::npos;
    });
    if (!held) kept.push_back(word);
  }
  return kept;
}

double score_of(const RelatedNote& note, double word_points) {
  return kDirectLink * (note.links_to ? 1 : 0) + kDirectLink * (note.linked_from ? 1 : 0) +
         kCoCitation * static_cast<double>(note.shared_targets.size()) +
         kSharedTag * static_cast<double>(note.shared_tags.size()) + word_points;
}

}  // namespace

Result<std::vector<RelatedNote>> related_notes(const IndexCatalog& catalog,
                                               const std::string& path, std::size_t limit) {
  const Xapian::docid self = catalog.find(path);
  if (self == 0) return Status::not_found(path, "no such note in the index");
  Result<Note> record = catalog.record(path);
  if (!record) return record.error();
  Evidence evidence;
  if (Status s = add_links(catalog, path, evidence); !s.ok()) return s;
  add_tags(catalog, self, *record, evidence);
  const std::vector<std::string> terms = add_words(catalog, self, path, limit, evidence);
  for (const auto& [note, points] : evidence.word_points) evidence.of(note);
  evidence.notes.erase(path);

  std::vector<RelatedNote> ranked;
  for (auto& [note_path, note] : evidence.notes) {
    note.score = score_of(note, evidence.word_points[note_path]);
    ranked.push_back(std::move(note));
  }
  std::sort(ranked.begin(), ranked.end(), [](const RelatedNote& a, const RelatedNote& b) {
    return std::tie(b.score, a.path) < std::tie(a.score, b.path);
  });
  if (ranked.size() > limit) ranked.resize(limit);
  for (RelatedNote& note : ranked) {
    Result<Note> other = catalog.record(note.path);
    if (!other) return other.error();
    note.title = other->title;
    // Words are a reason only for the notes they scored.
    if (evidence.word_points[note.path] > 0) {
      note.similar_words = words_in(catalog.database(), catalog.find(note.path), terms);
    }
    std::sort(note.shared_targets.begin(), note.shared_targets.end());
  }
  return ranked;
}

}  // namespace kb
