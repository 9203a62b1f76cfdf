#include "kb/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <system_error>

#include "base/xapian_error.h"
#include "kb/link_graph.h"
#include "kb/note_parser.h"
#include "note/note_reader.h"
#include "note/text_decoder.h"
#include "search/matching_lines.h"
#include "search/block_search.h"
#include "search/note_date.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "store/catalog.h"
#include "store/file_name_dates_key.h"
#include "store/index_reader.h"
#include "store/index_schema.h"
#include "store/link_keys.h"
#include "store/term_prefixes.h"
#include "store/vocabulary.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

// The lines of the file of the indexed note `record` that hold a match of
// `needles`, at most `max`; none when the file cannot be read any more.
// `file_name` is the path with the name's bytes (the record's copy is made
// valid UTF-8, so it would not open a name in another encoding).
std::vector<MatchingLine> file_matching_lines(const Xapian::Database& db, const fs::path& root,
                                              const Env& env, const Note& record,
                                              const std::string& file_name,
                                              const std::vector<Needle>& needles,
                                              std::size_t max) {
  const std::vector<int> lines = lines_with_matches(record, needles, max);
  if (lines.empty()) return {};
  const Result<std::string> bytes = read_note_bytes_below(root, file_name, env);
  if (!bytes) return {};
  // Decoded as the index read it, so that a repaired note's lines match.
  const DecodedText file = decode_text(*bytes, IndexVocabulary(db, record.path));
  return matching_lines(file, lines, needles);
}

// A prefix* past QueryLimits::max_expansion: thrown as the query runs,
// where Xapian expands it; a query error, not damage to the index.
Status wildcard_limit_error(const Xapian::WildcardError& e) {
  return Status::invalid_argument("max_wildcard_expansion", e.get_msg() + ", the limit");
}

// The parts of a hit that do not depend on the query.
Hit described(const Note& record) {
  Hit hit;
  hit.path = record.path;
  hit.title = record.title;
  hit.tags = record.tag_names();
  hit.date = shown_date(record);
  hit.mtime_ns = record.mtime_ns;
  return hit;
}

// The notes a linkto: or linkedby: filter keeps, as a query on their ids.
// The link graph answers through its public interface, as for any caller.
Result<Xapian::Query> link_filter_query(const LinkGraph& graph, const LinkFilter& filter) {
  const std::string word = (filter.linkto ? "linkto:" : "linkedby:") + filter.note;
  Result<std::vector<std::string>> named = graph.find_notes(filter.note);
  if (!named) return named.error();
  if (named->empty()) return Status::parse_error(word, "no note by that path, name or title");
  if (named->size() > 1) {
    std::string list;
    for (const std::string& path : *named) list += (list.empty() ? "" : ", ") + path;
    return Status::parse_error(word, "names several notes: " + list);
  }
  const std::string& note = named->front();
  Result<std::vector<ResolvedLink>> links =
      filter.linkto ? graph.backlinks(note) : graph.links(note);
  if (!links) return links.error();
  std::vector<Xapian::Query> ids;
  for (const ResolvedLink& link : *links) {
    // An ambiguous link reaches the note a tie-break chose, if any.
    const bool reaches = link.status == ResolvedLink::Status::kResolved ||
                         link.status == ResolvedLink::Status::kBrokenAnchor ||
                         (link.status == ResolvedLink::Status::kAmbiguous && !link.target.empty());
    if (!reaches) continue;
    ids.emplace_back(note_id_term(filter.linkto ? link.source : link.target));
  }
  if (ids.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

// Whether `term` is a word of the text (unprefixed, or its stem "Z" +
// word), not a filter's or a field's term: Xapian prefixes are capitals.
bool is_text_term(const std::string& term) {
  const std::size_t word = term.size() > 1 && term[0] == 'Z' ? 1 : 0;
  return !term.empty() && !(term[word] >= 'A' && term[word] <= 'Z');
}

// The words of `query` in the field `prefix` (the stem "Z" + word becomes
// "Z" + prefix + word, as Xapian indexes it), ORed and scaled by `scale`:
// a field's own BM25 weight, added to the notes `query` matches.
Xapian::Query field_query(const Xapian::Query& query, const std::string& prefix,
                          double scale) {
  std::vector<Xapian::Query> terms;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string term = *t;
    if (!is_text_term(term)) continue;
    terms.emplace_back(term[0] == 'Z' ? "Z" + prefix + term.substr(1) : prefix + term);
  }
  if (terms.empty() || scale <= 0) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), scale);
}

// `query` ranked with the title and stem fields (kb::Ranking).
Xapian::Query with_fields(Xapian::Query query, const Ranking& ranking) {
  const Xapian::Query fields[] = {field_query(query, prefix::kTitle, ranking.title),
                                  field_query(query, prefix::kStemWord, ranking.stem)};
  for (const Xapian::Query& field : fields) {
    if (!field.empty()) query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, field);
  }
  return query;
}

// `query` with the notes whose title, file stem or alias is the whole query
// (ParsedQuery::exact_key) first: they get a fixed extra weight of the best
// weight any note scores on `query` alone, so they rank above every other
// note and among themselves as `query` ranks them. The best weight, not
// Xapian's bound on it (MSet::get_max_possible()): the bound comes from
// each shard's own document lengths, so shards (kb/shards.h) would rank
// the named notes otherwise than one index of all the notes.
Xapian::Query with_exact_names_first(const Xapian::Database& db, const Xapian::Weight& weighting,
                                     Xapian::Query query, const std::string& key) {
  if (key.empty()) return query;
  const std::string named_term = key_term(prefix::kExactName, key);
  // Most queries name no note: then the bound below is a match run for nothing.
  if (!db.term_exists(named_term)) return query;
  Xapian::Enquire bound(db);
  bound.set_weighting_scheme(weighting);
  bound.set_query(query);
  const Xapian::MSet best = bound.get_mset(0, 1);
  const double most = best.empty() ? 0 : best.begin().get_weight();
  if (most <= 0) return query;  // a pure filter: no ranking to change
  Xapian::Query bonus((new Xapian::FixedWeightPostingSource(most))->release());
  Xapian::Query named(Xapian::Query::OP_FILTER, bonus,
                      Xapian::Query(named_term));
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, std::move(query), std::move(named));
}

// The other notes that `query` matches with the same text key as `shown`:
// the duplicates collapsed into it, by path.
std::vector<std::string> duplicates_of(const Xapian::Database& db, const Xapian::Query& query,
                                       const Xapian::Document& shown) {
  const std::string key = shown.get_value(slot::kTextKey);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(prefix::kTextKey + key)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(slot::kPath, /*reverse=*/false);
  const std::string own = shown.get_value(slot::kPath);
  std::vector<std::string> paths;
  const Xapian::MSet copies = enquire.get_mset(0, db.get_doccount());
  for (auto it = copies.begin(); it != copies.end(); ++it) {
    std::string path = it.get_document().get_value(slot::kPath);
    if (path != own) paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace

struct Searcher::Impl : IndexReader {
  explicit Impl(IndexReader reader) : IndexReader(std::move(reader)) {}
  // Opened for the first linkto: or linkedby: filter.
  mutable std::optional<LinkGraph> graph;

  // Searcher::search(), on `db` as it is; `query` is a std::string_view
  // or a kb::Query.
  template <typename QueryText>
  Result<SearchResults> run(const QueryText& query, const SearchOptions& options) const {
    Result<ParsedQuery> parsed = parse(query, options);
    if (!parsed) return parsed.error();
    try {
      return matches(*parsed, options);
    } catch (const Xapian::WildcardError& e) {
      return wildcard_limit_error(e);
    }
  }
  // The notes `parsed` matches, as options ask.
  Result<SearchResults> matches(ParsedQuery& parsed, const SearchOptions& options) const;

  // `query` parsed within `options.limits`, with its linkto: and
  // linkedby: filters applied.
  template <typename QueryText>
  Result<ParsedQuery> parse(const QueryText& query, const SearchOptions& options) const {
    return with_link_filters(parse_query(query, db, options));
  }
  Result<ParsedQuery> with_link_filters(Result<ParsedQuery> parsed) const;

  Result<const LinkGraph*> link_graph() const {
    if (!graph) {
      Result<LinkGraph> opened = LinkGraph::open(shard_set(), *env);
      if (!opened) return opened.error();
      graph.emplace(std::move(*opened));
    }
    return &*graph;
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Result<Searcher> Searcher::open(const fs::path& root, const Env& env) {
  Result<IndexReader> reader = open_reader(root, env);
  if (!reader) return reader.error();
  return Searcher(std::make_unique<Impl>(std::move(*reader)));
}

Result<Searcher> Searcher::open(const ShardSet& shards, const Env& env) {
  Result<IndexReader> reader = open_reader(shards, env);
  if (!reader) return reader.error();
  return Searcher(std::make_unique<Impl>(std::move(*reader)));
}

std::vector<ShardError> Searcher::unavailable_shards() const { return impl_->unavailable(); }

Result<SearchResults> Searcher::search(std::string_view query,
                                       const SearchOptions& options) const {
  return guarded(std::string(query), [&] {
    return impl_->reading([&] { return impl_->run(query, options); });
  });
}

Result<SearchResults> Searcher::search(const Query& query, const SearchOptions& options) const {
  return guarded(query.text, [&] {
    return impl_->reading([&] { return impl_->run(query, options); });
  });
}

Result<BlockResults> Searcher::blocks(std::string_view query,
                                      const BlockOptions& options) const {
  return guarded(std::string(query), [&]() -> Result<BlockResults> {
    return impl_->reading([&]() -> Result<BlockResults> {
      Result<ParsedQuery> parsed = impl_->parse(query, SearchOptions{});
      if (!parsed) return parsed.error();
      const std::vector<std::string> tags = tag_terms_of(parsed->query);
      if (tags.empty()) {
        return Status::invalid_argument(
            std::string(query),
            "no tag: in the query; blocks lists the blocks a tag covers: tag:NAME [WORDS]");
      }
      try {
        return search_blocks(*impl_, parsed->query, tags, options);
      } catch (const Xapian::WildcardError& e) {
        return wildcard_limit_error(e);
      }
    });
  });
}

Result<ParsedQuery> Searcher::Impl::with_link_filters(Result<ParsedQuery> parsed) const {
  if (!parsed) return parsed.error();
  for (const LinkFilter& filter : parsed->link_filters) {
    Result<const LinkGraph*> links = link_graph();
    if (!links) return links.error();
    Result<Xapian::Query> notes = link_filter_query(**links, filter);
    if (!notes) return notes.error();
    parsed->query = Xapian::Query(
        filter.exclude ? Xapian::Query::OP_AND_NOT : Xapian::Query::OP_FILTER,
        parsed->query, *notes);
  }
  return parsed;
}

Result<SearchResults> Searcher::Impl::matches(ParsedQuery& parsed,
                                              const SearchOptions& options) const {
  Xapian::Enquire enquire(db);
  if (options.sort == SearchOptions::Sort::kRelevance) {
    const Ranking& ranking = options.ranking;
    const Xapian::BM25Weight bm25(ranking.k1, 0, 1, ranking.b, 0.5);
    enquire.set_weighting_scheme(bm25);
    enquire.set_query(with_exact_names_first(
        db, bm25, with_fields(parsed.query, ranking), parsed.exact_key));
  } else {
    enquire.set_query(parsed.query);
  }
  if (options.collapse) enquire.set_collapse_key(slot::kTextKey);
  switch (options.sort) {
    case SearchOptions::Sort::kRelevance:
      // Equal weights in path order, so that the order does not depend on
      // the history of document ids (an incremental build vs a clean one).
      enquire.set_sort_by_relevance_then_value(slot::kPath, /*reverse=*/false);
      break;
    case SearchOptions::Sort::kDate:
      enquire.set_sort_by_value_then_relevance(slot::kDate, /*reverse=*/true);
      break;
    case SearchOptions::Sort::kPath:
      enquire.set_sort_by_value(slot::kPath, /*reverse=*/false);
      break;
    case SearchOptions::Sort::kTitle:
      enquire.set_sort_by_value_then_relevance(slot::kTitleKey, false);
      break;
  }
  // Counting a little past the page makes the total exact for small
  // result sets, where an estimate that is off by one looks like a bug.
  constexpr std::size_t kExactCountMargin = 100;
  // Xapian counts in 32 bits: a larger limit or offset means "all".
  const auto count = [](std::size_t n) {
    return static_cast<Xapian::doccount>(
        std::min<std::size_t>(n, std::numeric_limits<Xapian::doccount>::max()));
  };
  const Xapian::doccount check_at_least =
      options.exact_total
          ? db.get_doccount()
          : count(std::size_t{count(options.offset)} + count(options.limit) + kExactCountMargin);
  const Xapian::MSet mset =
      enquire.get_mset(count(options.offset), count(options.limit), check_at_least);

  SearchResults results;
  results.warnings = parsed.warnings;
  results.estimated_total = mset.get_matches_estimated();
  results.total_is_exact =
      mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (!results.total_is_exact && options.collapse &&
      mset.get_uncollapsed_matches_upper_bound() <= check_at_least) {
    // Xapian bounds a collapsed count from the hits it keeps, so a page of
    // 3 from 8 notes says "about 8"; when every match fits in the margin,
    // counting them collapsed is cheap and exact.
    results.estimated_total = enquire.get_mset(0, check_at_least).size();
    results.total_is_exact = true;
  }
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::string path = it.get_document().get_value(slot::kPath);
    if (options.detail == SearchOptions::Detail::kPaths) {
      Hit& hit = results.hits.emplace_back();
      hit.path = std::move(path);
      hit.kb = shard_name(*it);
      hit.score = it.get_weight();
      hit.percent = it.get_percent();
      continue;
    }
    Result<Note> record = record_at(
        *it, path, RecordParts{.links = false, .blocks = true, .tagged_blocks = false});
    // A matching note always has a record: a missing one is damage too.
    if (!record) return Status::corruption(record.error().subject(), record.error().message());
    Hit hit = described(*record);
    // The record's copy of the path is made valid UTF-8; this one keeps the
    // name's bytes, so that a name in another encoding can still be opened.
    hit.path = std::move(path);
    hit.kb = shard_name(*it);
    hit.score = it.get_weight();
    hit.percent = it.get_percent();
    if (it.get_collapse_count() > 0) {
      hit.duplicates = duplicates_of(db, parsed.query, it.get_document());
    }
    BestMatch match = best_match(*record, parsed.needles);
    hit.line = match.line;
    hit.heading_path = heading_path(record->headings, match.section);
    hit.snippet = std::move(match.snippet);
    hit.line_text = std::move(match.line_text);
    // A remote shard's files are not here: its hits have no lines.
    if (options.matching_lines > 0 && !root_of(*it).empty()) {
      hit.lines = file_matching_lines(db, root_of(*it), *env, *record, hit.path, parsed.needles,
                                      options.matching_lines);
      for (const MatchingLine& line : hit.lines) {
        if (line.line == hit.line) hit.column = line.column;
      }
    }
    results.hits.push_back(std::move(hit));
  }
  return results;
}

Result<Hit> Searcher::describe(const std::string& path) const {
  return guarded(path, [&]() -> Result<Hit> {
    return impl_->reading([&]() -> Result<Hit> {
      Result<Note> record = impl_->record(path, RecordParts{.links = false, .blocks = false});
      if (!record) return record.error();
      Hit hit = described(*record);
      hit.path = path;  // the name's bytes, as search() gives them
      return hit;
    });
  });
}

Result<Note> Searcher::read_note(const std::string& path) const {
  return guarded(path, [&]() -> Result<Note> {
    return impl_->reading([&]() -> Result<Note> {
      const Xapian::docid id = impl_->find(path);
      if (id == 0) return Status::not_found(path, "no such note in the index");
      const OpenShard& shard = impl_->shard_of(id);
      // A remote shard's files are not here: its note is its record.
      if (shard.shard.remote()) return impl_->record_at(id, path);
      const IndexVocabulary vocabulary(impl_->db, path);
      // Its date as the index read it, from the formats its index kept.
      ParseOptions options;
      options.file_name_dates = decode_file_name_dates(shard.db.get_metadata(kFileNameDatesKey));
      return read_note_below(shard.shard.root, path, vocabulary, *impl_->env, options);
    });
  });
}

}  // namespace kb
