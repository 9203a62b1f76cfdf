#include "store/catalog.h"

#include <algorithm>
#include <system_error>

#include "kb/crawler.h"
#include "store/index_schema.h"
#include "store/note_record.h"
#include "base/root_paths.h"
#include "store/term_prefixes.h"

namespace kb {
namespace fs = std::filesystem;

IndexCatalog::IndexCatalog(const IndexReader& reader) : reader_(reader) {}

std::vector<std::string> IndexCatalog::notes_with(const std::string& term) const {
  auto cached = names_.find(term);
  if (cached != names_.end()) return cached->second;
  std::vector<std::string> paths;
  for (auto it = reader_.db.postlist_begin(term); it != reader_.db.postlist_end(term); ++it) {
    paths.push_back(path_of(*it));
  }
  std::sort(paths.begin(), paths.end());
  return names_[term] = paths;
}

Result<Note> IndexCatalog::record(const std::string& path) const {
  auto cached = records_.find(path);
  if (cached != records_.end()) return cached->second;
  return records_.emplace(path, reader_.record(path)).first->second;
}

Result<Note> IndexCatalog::record(const std::string& path, RecordParts parts) const {
  return reader_.record(path, parts);
}

Result<std::vector<Link>> IndexCatalog::links_of(const std::string& path) const {
  Result<Note> note =
      reader_.record(path, RecordParts{.links = true, .blocks = false, .tagged_blocks = false});
  if (note) return std::move(note->links);
  if (note.error().code() != Code::kNotFound) return note.error();
  return Status::corruption(path, "indexed note without a record");
}

bool IndexCatalog::file_exists(const std::string& path) const {
  bool remote = false;
  for (const OpenShard& open : reader_.shards) {
    if (open.shard.remote()) {
      remote = true;
      continue;
    }
    const RealPath real = follow_inside_root(*reader_.env, open.shard.root, path);
    if (real.outcome == RealPath::Outcome::kInside &&
        real.info.type == Env::FileType::kRegular) {
      return true;
    }
  }
  return remote && !is_note_file_name(path);
}

DialectScope Catalog::dialect_of(const std::string&) const { return {}; }

DialectScope IndexCatalog::dialect_of(const std::string& path) const {
  if (!markers_) {
    // Each shard marks its own folders; linked shards share one tree.
    markers_.emplace();
    for (const Xapian::Database& shard : reader_.live_databases()) {
      std::vector<DialectMarker> own = decode_markers(shard.get_metadata(kDialectMarkersKey));
      markers_->insert(markers_->end(), own.begin(), own.end());
    }
    std::stable_sort(markers_->begin(), markers_->end(),
                     [](const DialectMarker& a, const DialectMarker& b) {
                       return a.folder < b.folder;
                     });
  }
  return scope_of(*markers_, path);
}

Xapian::docid IndexCatalog::find(const std::string& path) const { return reader_.find(path); }

std::string IndexCatalog::path_of(Xapian::docid id) const {
  return reader_.db.get_document(id).get_value(slot::kPath);
}

std::vector<std::string> IndexCatalog::all_paths() const {
  std::vector<std::string> paths;
  for (auto it = reader_.db.valuestream_begin(slot::kPath); it != reader_.db.valuestream_end(slot::kPath);
       ++it) {
    paths.push_back(*it);
  }
  std::sort(paths.begin(), paths.end());
  // Linked shards are one tree: a path in two of them is one note.
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

}  // namespace kb
