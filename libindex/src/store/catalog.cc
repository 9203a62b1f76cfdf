#include "store/catalog.h"

#include <algorithm>
#include <system_error>

#include "store/index_schema.h"
#include "store/note_record.h"
#include "base/root_paths.h"
#include "store/term_prefixes.h"

namespace kb {
namespace fs = std::filesystem;

Result<Note> read_record(const Xapian::Database& db, const std::string& path, RecordParts parts) {
  const std::string data = db.get_metadata(record_key(path));
  if (data.empty()) return Status::not_found(path, "no such note in the index");
  Result<Note> note = decode_note_record(data, parts);
  if (note) return note;
  // The subject names the note, so that the user knows what to re-index.
  return Status::corruption(path, note.error().message() + "; run `kbsearch index` to rebuild");
}

IndexCatalog::IndexCatalog(const Xapian::Database& db, const fs::path& root, const Env& env)
    : db_(db), root_(canonical_root(root)), env_(env) {}

std::vector<std::string> IndexCatalog::notes_with(const std::string& term) const {
  auto cached = names_.find(term);
  if (cached != names_.end()) return cached->second;
  std::vector<std::string> paths;
  for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
    paths.push_back(path_of(*it));
  }
  std::sort(paths.begin(), paths.end());
  return names_[term] = paths;
}

Result<Note> IndexCatalog::record(const std::string& path) const {
  auto cached = records_.find(path);
  if (cached != records_.end()) return cached->second;
  return records_.emplace(path, read_record(db_, path)).first->second;
}

Result<std::vector<Link>> IndexCatalog::links_of(const std::string& path) const {
  Result<Note> note = read_record(db_, path, RecordParts{.links = true, .blocks = false, .tagged_blocks = false});
  if (note) return std::move(note->links);
  if (note.error().code() != Code::kNotFound) return note.error();
  return Status::corruption(path, "indexed note without a record");
}

bool IndexCatalog::file_exists(const std::string& path) const {
  const RealPath real = follow_inside_root(env_, root_, path);
  return real.outcome == RealPath::Outcome::kInside &&
         real.info.type == Env::FileType::kRegular;
}

DialectScope Catalog::dialect_of(const std::string&) const { return {}; }

DialectScope IndexCatalog::dialect_of(const std::string& path) const {
  if (!markers_) markers_ = decode_markers(db_.get_metadata(kDialectMarkersKey));
  return scope_of(*markers_, path);
}

Xapian::docid IndexCatalog::find(const std::string& path) const { return find_note(db_, path); }

std::string IndexCatalog::path_of(Xapian::docid id) const {
  return db_.get_document(id).get_value(slot::kPath);
}

std::vector<std::string> IndexCatalog::all_paths() const {
  std::vector<std::string> paths;
  for (auto it = db_.valuestream_begin(slot::kPath); it != db_.valuestream_end(slot::kPath);
       ++it) {
    paths.push_back(*it);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace kb
