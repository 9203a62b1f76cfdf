#include "kb/searcher.h"

#include <xapian.h>

#include <system_error>

#include "kb/index.h"
#include "kb/note_parser.h"
#include "note_record.h"
#include "query_parser.h"
#include "snippet.h"
#include "term_prefixes.h"
#include "vocabulary.h"
#include "xapian_error.h"

namespace kb {
namespace fs = std::filesystem;

struct Searcher::Impl {
  fs::path root;
  Xapian::Database db;
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Result<Searcher> Searcher::open(const fs::path& root) {
  const fs::path db_dir = index_dir(root) / "xapian";
  std::error_code ec;
  if (!fs::is_directory(db_dir, ec)) {
    return Status::not_found(root.string(),
                             "no index here; run `kbsearch index` first");
  }
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  return guarded(db_dir.string(), [&]() -> Result<Searcher> {
    impl->db = Xapian::Database(db_dir.string());
    if (impl->db.get_metadata(schema::kKey) != schema::kVersion) {
      return Status::version_mismatch(
          root.string(), "the index was built by another version of "
                         "kbsearch; run `kbsearch index` to rebuild it");
    }
    return Searcher(std::move(impl));
  });
}

Result<SearchResults> Searcher::search(std::string_view query,
                                       const SearchOptions& options) const {
  return guarded(std::string(query), [&]() -> Result<SearchResults> {
    Result<ParsedQuery> parsed = parse_query(query, impl_->db);
    if (!parsed) return parsed.error();

    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(parsed->query);
    // Counting a little past the page makes the total exact for small
    // result sets, where an estimate that is off by one looks like a bug.
    constexpr std::size_t kExactCountMargin = 100;
    const Xapian::MSet mset = enquire.get_mset(
        static_cast<Xapian::doccount>(options.offset),
        static_cast<Xapian::doccount>(options.limit),
        static_cast<Xapian::doccount>(options.offset + options.limit +
                                      kExactCountMargin));

    SearchResults results;
    results.estimated_total = mset.get_matches_estimated();
    results.total_is_exact =
        mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Result<Note> record = decode_note_record(it.get_document().get_data());
      if (!record) {
        return Status::corruption(index_dir(impl_->root).string(),
                                  record.error().message());
      }
      Hit hit;
      hit.path = record->path;
      hit.title = record->title;
      hit.score = it.get_weight();
      hit.percent = it.get_percent();
      BestMatch match = best_match(*record, parsed->needles);
      hit.line = match.line;
      hit.heading_path = heading_path(record->headings, match.section);
      hit.snippet = std::move(match.snippet);
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
