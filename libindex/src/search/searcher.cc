#include "kb/searcher.h"

#include <xapian.h>

#include <ctime>
#include <fstream>
#include <system_error>

#include "store/document_builder.h"
#include "store/index_layout.h"
#include "kb/index.h"
#include "kb/note_parser.h"
#include "graph/link_graph_internal.h"
#include "store/note_record.h"
#include "search/query_parser.h"
#include "search/snippet.h"
#include "store/term_prefixes.h"
#include "store/vocabulary.h"
#include "base/xapian_error.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

// 1-based byte column of `word` in line `line` of the file at `file`, or 1
// when the file, the line or the word is not there (a GBK note, a word the
// index only sees without markup).
int column_in_file(const fs::path& file, int line, const std::string& word) {
  if (word.empty() || line < 1) return 1;
  std::ifstream in(file, std::ios::binary);
  std::string text;
  int read = 0;
  while (read < line && std::getline(in, text)) ++read;
  if (read < line) return 1;
  const std::size_t at = text.find(word);
  return at == std::string::npos ? 1 : static_cast<int>(at) + 1;
}

// The modification time as ISO 8601 in UTC, the date of a note without one.
std::string iso_utc(std::int64_t mtime_ns) {
  const std::time_t seconds = static_cast<std::time_t>(mtime_ns / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return buffer;
}

// The notes a linkto: or linkedby: filter keeps, as a query on their ids.
Result<Xapian::Query> link_filter_query(const Xapian::Database& db, const fs::path& root,
                                        const LinkFilter& filter) {
  const std::string word = (filter.linkto ? "linkto:" : "linkedby:") + filter.note;
  const std::vector<std::string> named = find_notes_in(db, root, filter.note);
  if (named.empty()) return Status::parse_error(word, "no note by that path, name or title");
  if (named.size() > 1) {
    std::string list;
    for (const std::string& path : named) list += (list.empty() ? "" : ", ") + path;
    return Status::parse_error(word, "names several notes: " + list);
  }
  Result<std::vector<ResolvedLink>> links = filter.linkto
                                                ? backlinks_in(db, root, named[0])
                                                : links_in(db, root, named[0]);
  if (!links) return links.error();
  std::vector<Xapian::Query> ids;
  for (const ResolvedLink& link : *links) {
    const bool reaches = link.status == ResolvedLink::Status::kResolved ||
                         link.status == ResolvedLink::Status::kBrokenAnchor;
    if (!reaches) continue;
    ids.emplace_back(note_id_term(filter.linkto ? link.source : link.target));
  }
  if (ids.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

}  // namespace

struct Searcher::Impl {
  fs::path root;
  Xapian::Database db;
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Result<Searcher> Searcher::open(const fs::path& root) {
  Result<Xapian::Database> db = open_for_reading(root);
  if (!db) return db.error();
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  impl->db = std::move(*db);
  return Searcher(std::move(impl));
}

Result<SearchResults> Searcher::search(std::string_view query,
                                       const SearchOptions& options) const {
  return guarded(std::string(query), [&]() -> Result<SearchResults> {
    Result<ParsedQuery> parsed = parse_query(query, impl_->db);
    if (!parsed) return parsed.error();

    for (const LinkFilter& filter : parsed->link_filters) {
      Result<Xapian::Query> notes = link_filter_query(impl_->db, impl_->root, filter);
      if (!notes) return notes.error();
      parsed->query = Xapian::Query(
          filter.exclude ? Xapian::Query::OP_AND_NOT : Xapian::Query::OP_FILTER,
          parsed->query, *notes);
    }
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(parsed->query);
    switch (options.sort) {
      case SearchOptions::Sort::kRelevance:
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
    const Xapian::doccount check_at_least =
        options.exact_total
            ? impl_->db.get_doccount()
            : static_cast<Xapian::doccount>(options.offset + options.limit +
                                            kExactCountMargin);
    const Xapian::MSet mset = enquire.get_mset(
        static_cast<Xapian::doccount>(options.offset),
        static_cast<Xapian::doccount>(options.limit), check_at_least);

    SearchResults results;
    results.estimated_total = mset.get_matches_estimated();
    results.total_is_exact =
        mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string path = it.get_document().get_value(slot::kPath);
      Result<Note> record = decode_note_record(impl_->db.get_metadata(record_key(path)));
      if (!record) {
        return Status::corruption(index_dir(impl_->root).string(),
                                  record.error().message());
      }
      Hit hit;
      hit.path = record->path;
      hit.title = record->title;
      hit.score = it.get_weight();
      hit.percent = it.get_percent();
      hit.tags = record->tag_names();
      hit.date = record->date.empty() ? iso_utc(record->mtime_ns) : record->date;
      hit.mtime_ns = record->mtime_ns;
      BestMatch match = best_match(*record, parsed->needles);
      hit.line = match.line;
      hit.heading_path = heading_path(record->headings, match.section);
      hit.snippet = std::move(match.snippet);
      hit.line_text = std::move(match.line_text);
      if (options.columns) {
        hit.column = column_in_file(impl_->root / hit.path, hit.line,
                                    match.first_match);
      }
      results.hits.push_back(std::move(hit));
    }
    return results;
  });
}

Result<Note> Searcher::read_note(const std::string& path) const {
  return guarded(path, [&]() -> Result<Note> {
    return kb::read_note(impl_->root, path, parse_options_for(impl_->db, path));
  });
}

}  // namespace kb
