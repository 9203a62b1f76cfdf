#include "store/index_schema.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <charconv>
#include <optional>
#include <system_error>
#include <thread>

#include "base/root_paths.h"
#include "base/xapian_error.h"
#include "kb/index.h"
#include "store/index_folder.h"
#include "store/term_prefixes.h"
#include "store/writer_identity.h"

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

std::optional<std::string> folder_term(const std::string& folder) {
  std::string term = prefix::kFolder + folder;
  if (term.size() > kMaxTermBytes) return std::nullopt;
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

namespace {

// A reader that races a first build waits for the writer to make its first
// generation (Index::open commits an empty one of the current schema at
// once) rather than saying there is no index. Polls of kPoll: while the
// writer holds the lock, and kCreationPolls more for the moment it has made
// the index folder but not yet taken the lock.
constexpr auto kPoll = std::chrono::milliseconds(20);
constexpr int kFirstGenerationPolls = 100;  // 2 s
constexpr int kCreationPolls = 15;          // 0.3 s

// The database the stub names. A writer that switches generations deletes
// the old one, and a writer that commits twice while a revision is being
// opened takes it away: either is opened again, through the stub, which by
// then names the new one. Throws Xapian::Error.
Result<Xapian::Database> open_current(const fs::path& root) {
  constexpr int kTries = 5;
  for (int attempt = 1;; ++attempt) {
    try {
      Xapian::Database db(database_path(root).string());
      if (db.get_metadata(schema::kKey) != schema::kVersion) {
        return Status::version_mismatch(
            root.string(), "the index was built by another version of kbsearch; run "
                           "`kbsearch index` to rebuild it");
      }
      return db;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kTries) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt == kTries) throw;
    }
  }
}

}  // namespace

Result<Xapian::Database> open_for_reading(const fs::path& root) {
  if (Status s = check_index_folders(root); !s.ok()) return s;
  std::error_code ec;
  if (!fs::is_directory(index_dir(root), ec)) {
    return Status::not_found(root.string(), "no index here; run `kbsearch index` first");
  }
  bool building = false;
  for (int poll = 0; poll < kCreationPolls + kFirstGenerationPolls; ++poll) {
    if (poll > 0) std::this_thread::sleep_for(kPoll);
    if (fs::exists(database_path(root), ec)) {
      return guarded(database_path(root).string(), [&] { return open_current(root); });
    }
    building = write_locked(root);
    if (!building && poll >= kCreationPolls) break;
  }
  if (building) {
    return Status::locked(root.string(), "the index is being built by another process and has "
                                         "nothing committed yet; try again in a moment");
  }
  if (fs::exists(legacy_database_dir(root), ec)) {
    return Status::version_mismatch(
        root.string(), "the index was built by an older version of kbsearch; run "
                       "`kbsearch index` to rebuild it");
  }
  return Status::not_found(root.string(), "no index here; run `kbsearch index` first");
}

}  // namespace kb
