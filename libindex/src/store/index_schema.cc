#include "store/index_schema.h"

#include <algorithm>
#include <functional>
#include <charconv>
#include <system_error>

#include "base/root_paths.h"
#include "base/xapian_error.h"
#include "kb/index.h"
#include "store/index_folder.h"
#include "store/term_prefixes.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

constexpr const char* kIndexFolder = ".kbsearch";

}  // namespace

fs::path index_dir(const fs::path& root) { return root / kIndexFolder; }

std::string note_id_term(const std::string& path) {
  std::string term = std::string(prefix::kNoteId) + path;
  // Long paths are rare; keep them unique by keeping their start and length.
  if (term.size() > kMaxTermBytes) {
    term = term.substr(0, kMaxTermBytes - 12) + "#" +
           std::to_string(std::hash<std::string>{}(path));
    term.resize(std::min(term.size(), kMaxTermBytes));
  }
  return term;
}

std::string record_key(const std::string& path) {
  return prefix::kRecordKey + note_id_term(path);
}

std::string encode_file_stamp(const FileStamp& stamp) {
  return std::to_string(stamp.mtime_ns) + " " + std::to_string(stamp.size) + " " +
         std::to_string(stamp.content_hash);
}

std::optional<FileStamp> decode_file_stamp(const std::string& value) {
  // Read for every note at every refresh: from_chars, not a stream.
  FileStamp stamp;
  const char* at = value.data();
  const char* const end = value.data() + value.size();
  // Reads one number and what follows it: a space, or the end for the last.
  auto field = [&](auto& out, bool last) {
    const auto [next, error] = std::from_chars(at, end, out);
    if (error != std::errc()) return false;
    if (last) return next == end;
    if (next == end || *next != ' ') return false;
    at = next + 1;
    return true;
  };
  if (!field(stamp.mtime_ns, false) || !field(stamp.size, false) ||
      !field(stamp.content_hash, true)) {
    return std::nullopt;
  }
  return stamp;
}

Xapian::docid find_note(const Xapian::Database& db, const std::string& path) {
  const std::string id = note_id_term(path);
  auto post = db.postlist_begin(id);
  return post == db.postlist_end(id) ? 0 : *post;
}

Result<Xapian::Database> open_for_reading(const fs::path& root) {
  if (Status s = check_index_folders(root); !s.ok()) return s;
  const fs::path stub = database_path(root);
  std::error_code ec;
  if (!fs::exists(stub, ec)) {
    if (fs::exists(legacy_database_dir(root), ec)) {
      return Status::version_mismatch(
          root.string(), "the index was built by an older version of kbsearch; run "
                         "`kbsearch index` to rebuild it");
    }
    return Status::not_found(root.string(), "no index here; run `kbsearch index` first");
  }
  return guarded(stub.string(), [&]() -> Result<Xapian::Database> {
    // A writer that switches generations deletes the old one: one that
    // vanished between reading the stub and opening it is tried again,
    // through the stub, which by then names the new one.
    constexpr int kTries = 3;
    for (int attempt = 1;; ++attempt) {
      try {
        Xapian::Database db(stub.string());
        if (db.get_metadata(schema::kKey) != schema::kVersion) {
          return Status::version_mismatch(
              root.string(), "the index was built by another version of kbsearch; run "
                             "`kbsearch index` to rebuild it");
        }
        return db;
      } catch (const Xapian::DatabaseOpeningError&) {
        if (attempt == kTries) throw;
      }
    }
  });
}

Result<IndexReader> open_reader(const fs::path& root, const Env& env) {
  Result<Xapian::Database> db = open_for_reading(root);
  if (!db) return db.error();
  return IndexReader{canonical_root(root), std::move(*db), &env};
}

}  // namespace kb
