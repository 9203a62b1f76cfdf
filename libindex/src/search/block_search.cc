#include "search/block_search.h"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "search/note_date.h"
#include "store/catalog.h"
#include "store/tag_terms.h"
#include "store/term_prefixes.h"
#include "text/analyzer.h"

namespace kb {

namespace {

// The prefixes of the note's terms a block keeps: what path:, lang:, fm.,
// title: and linkto: (through the id term) look for. Not the note's tags,
// words or headings: a block has its own. No other prefix starts with one
// of these (term_prefixes.h), so each is a range of the sorted termlist.
constexpr std::string_view kNoteFilterPrefixes[] = {
    prefix::kFolder,
    prefix::kLanguage,
    prefix::kProperty,
    prefix::kRepaired,
    prefix::kNoteId,
    prefix::kTitle,
    "ZS",  // title words' stems
};

void add_note_filters(const Xapian::Document& note, Xapian::Document& block) {
  for (std::string_view p : kNoteFilterPrefixes) {
    Xapian::TermIterator it = note.termlist_begin();
    it.skip_to(std::string(p));
    for (; it != note.termlist_end(); ++it) {
      const std::string term = *it;
      if (term.compare(0, p.size(), p) != 0) break;
      block.add_boolean_term(term);
    }
  }
  for (auto v = note.values_begin(); v != note.values_end(); ++v)
    block.add_value(v.get_valueno(), *v);
}

Xapian::Document block_document(const TaggedBlock& block, const Xapian::Document& note,
                                Analyzer& analyzer) {
  Xapian::Document doc;
  analyzer.set_document(doc);
  if (block.kind == TaggedBlock::Kind::kHeading) {
    analyzer.index_text(block.text, weight::kHeading, prefix::kHeading);
  } else {
    analyzer.index_text(block.text, weight::kBody);
  }
  analyzer.end_field();
  for (const std::string& tag : block.tags) {
    analyzer.index_text(tag, weight::kTag, prefix::kTagWord);
    analyzer.end_field();
    add_tag_terms(tag, doc);
  }
  analyzer.release_document();
  add_note_filters(note, doc);
  return doc;
}

// A block found, with what it sorts by.
struct Found {
  std::string day;  // slot::kDate, "YYYYMMDD"
  BlockHit hit;
};

}  // namespace

std::vector<std::string> tag_terms_of(const Xapian::Query& query) {
  std::vector<std::string> terms;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string term = *t;
    // No other prefix starts with K.
    if (term.size() > 1 && term[0] == prefix::kTag[0]) {
      terms.push_back(term);
    }
  }
  return terms;
}

Result<BlockResults> search_blocks(const IndexReader& reader, const Xapian::Query& query,
                                   const std::vector<std::string>& tag_terms,
                                   const BlockOptions& options) {
  const Xapian::Database& db = reader.db;
  // Only the notes with a block a tag of the query covers are read.
  std::vector<Xapian::Query> block_tags;
  for (const std::string& term : tag_terms) {
    block_tags.emplace_back(prefix::kBlockTag + term.substr(std::string_view(prefix::kTag).size()));
  }
  Xapian::Enquire notes(db);
  notes.set_query(Xapian::Query(Xapian::Query::OP_OR, block_tags.begin(), block_tags.end()));
  notes.set_weighting_scheme(Xapian::BoolWeight());
  // Of duplicates, the first by path, as search shows on equal weights.
  notes.set_sort_by_value(slot::kPath, /*reverse=*/false);
  if (options.collapse) notes.set_collapse_key(slot::kTextKey);
  const Xapian::MSet candidates = notes.get_mset(0, db.get_doccount());

  Xapian::WritableDatabase blocks(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<Found> found;  // by block document id - 1
  Analyzer analyzer;
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    const Xapian::Document note = it.get_document();
    // The record's copy of the path is made valid UTF-8; this one keeps the
    // name's bytes, so that a name in another encoding can still be opened.
    const std::string path = note.get_value(slot::kPath);
    Result<Note> record = reader.record_at(
        *it, path, RecordParts{.links = false, .blocks = false, .tagged_blocks = true});
    // A note found in the index always has a record: a missing one is damage.
    if (!record) return Status::corruption(record.error().subject(), record.error().message());
    const std::string date = shown_date(*record);
    for (TaggedBlock& block : record->tagged_blocks) {
      blocks.add_document(block_document(block, note, analyzer));
      found.push_back(
          Found{note.get_value(slot::kDate),
                BlockHit{path, record->title, date, block.kind, block.first_line,
                         block.last_line, std::move(block.text), std::move(block.tags)}});
    }
  }
  BlockResults results;
  if (found.empty()) return results;

  Xapian::Enquire matching(blocks);
  matching.set_query(query);
  matching.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet matched = matching.get_mset(0, blocks.get_doccount());
  std::vector<Found*> kept;
  for (auto it = matched.begin(); it != matched.end(); ++it) kept.push_back(&found[*it - 1]);
  std::sort(kept.begin(), kept.end(), [](const Found* a, const Found* b) {
    // Newest first; then by path, and a note's blocks in file order.
    return std::tie(b->day, a->hit.path, a->hit.line) < std::tie(a->day, b->hit.path, b->hit.line);
  });
  results.total = kept.size();
  const std::size_t shown = std::min(kept.size(), options.limit);
  for (std::size_t i = 0; i < shown; ++i) results.blocks.push_back(std::move(kept[i]->hit));
  return results;
}

}  // namespace kb
