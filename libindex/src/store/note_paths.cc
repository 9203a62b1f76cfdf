#include "kb/note_paths.h"

#include <algorithm>

#include "base/xapian_error.h"
#include "store/index_reader.h"
#include "store/index_schema.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

// The id terms note_id_term() shortens keep this many bytes of "Q" + path:
// a term of at least that length may hold only the start of its path.
constexpr std::size_t kKeptBytes = kMaxTermBytes - 12;

std::vector<std::string> paths_with_prefix(const Xapian::Database& db, std::string_view prefix,
                                           std::size_t limit) {
  const std::string start =
      std::string(prefix::kNoteId) + std::string(prefix.substr(0, kKeptBytes - 1));
  const std::size_t id_prefix = std::string_view(prefix::kNoteId).size();
  std::vector<std::string> paths;
  for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
    const std::string term = *it;
    std::string path = term.substr(id_prefix);
    if (term.size() >= kKeptBytes) {
      // Maybe shortened: the note's own value holds its whole path.
      auto posting = db.postlist_begin(term);
      if (posting == db.postlist_end(term)) continue;
      path = db.get_document(*posting).get_value(slot::kPath);
    }
    if (path.compare(0, prefix.size(), prefix) == 0) paths.push_back(std::move(path));
  }
  // Shortened terms sort by their start, not by the whole path.
  std::sort(paths.begin(), paths.end());
  if (limit != 0 && paths.size() > limit) paths.resize(limit);
  return paths;
}

}  // namespace

Result<std::vector<std::string>> indexed_note_paths(const std::filesystem::path& root,
                                                    std::string_view prefix,
                                                    std::size_t limit) {
  Result<IndexReader> reader = open_reader(root, Env::system());
  if (!reader) return reader.error();
  return guarded(root.string(), [&]() -> Result<std::vector<std::string>> {
    return reading_latest(reader->db, [&] { return paths_with_prefix(reader->db, prefix, limit); });
  });
}

}  // namespace kb
