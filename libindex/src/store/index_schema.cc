#include "store/index_schema.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <system_error>
#include <thread>

#include "base/root_paths.h"
#include "base/xapian_error.h"
#include "kb/index.h"
#include "store/term_prefixes.h"
#include "store/writer_identity.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

constexpr const char* kIndexFolder = ".kbsearch";
constexpr const char* kDatabaseFolder = "xapian";

}  // namespace

fs::path index_dir(const fs::path& root) { return root / kIndexFolder; }

fs::path database_dir(const fs::path& root) { return index_dir(root) / kDatabaseFolder; }

Status check_index_folders(const fs::path& root) {
  for (const fs::path& folder : {index_dir(root), database_dir(root)}) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(folder, ec))) {
      return Status::invalid_argument(
          folder.string(), "is a symbolic link; kbsearch keeps its index inside the knowledge "
                           "base only: replace the link with a folder");
    }
  }
  return Status();
}

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

std::string file_stamp(std::int64_t mtime_ns, std::uint64_t size) {
  return std::to_string(mtime_ns) + " " + std::to_string(size);
}

Xapian::docid find_note(const Xapian::Database& db, const std::string& path) {
  const std::string id = note_id_term(path);
  auto post = db.postlist_begin(id);
  return post == db.postlist_end(id) ? 0 : *post;
}

namespace {

// A reader that races a first build waits for its first commit (which
// Index::open makes at once) rather than reading a database half made.
// Polls of kPoll: kFirstCommitPolls while the builder holds the lock, and
// kCreationPolls more for the moment Index::open has made a folder but
// not yet taken the lock in it.
constexpr auto kPoll = std::chrono::milliseconds(20);
constexpr int kFirstCommitPolls = 100;  // 2 s
constexpr int kCreationPolls = 15;      // 0.3 s

// The database in `dir` once kbsearch has committed to it, or nullopt when
// it has no first commit yet: its files are not all there, or it holds no
// schema and no notes. Errors as open_for_reading(); Xapian's are thrown.
Result<std::optional<Xapian::Database>> open_committed(const fs::path& root,
                                                       const fs::path& dir, bool building) {
  using Opened = Result<std::optional<Xapian::Database>>;
  // A writer that commits twice while the revision is being opened or read
  // takes it away (DatabaseModifiedError): open the next one.
  constexpr int kTries = 5;
  for (int attempt = 1;; ++attempt) {
    try {
      Xapian::Database db(dir.string());
      const std::string schema = db.get_metadata(schema::kKey);
      if (schema == schema::kVersion) return Opened(std::move(db));
      if (schema.empty() && db.get_doccount() == 0) return Opened(std::nullopt);
      if (building) {
        return Status::version_mismatch(
            root.string(), "the index was built by another version of kbsearch and is being "
                           "rebuilt now; try again when `kbsearch index` has finished");
      }
      return Status::version_mismatch(root.string(),
                                      "the index was built by another version of kbsearch; "
                                      "run `kbsearch index` to rebuild it");
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kTries) throw;
    } catch (const Xapian::DatabaseNotFoundError&) {
      return Opened(std::nullopt);  // the folder is there, its files are not yet
    } catch (const Xapian::DatabaseOpeningError&) {
      if (building) return Opened(std::nullopt);  // some files, not all yet
      throw;
    }
  }
}

}  // namespace

Result<Xapian::Database> open_for_reading(const fs::path& root) {
  if (Status s = check_index_folders(root); !s.ok()) return s;
  const fs::path dir = database_dir(root);
  std::error_code ec;
  if (!fs::is_directory(index_dir(root), ec)) {
    return Status::not_found(root.string(), "no index here; run `kbsearch index` first");
  }
  bool building = false;
  for (int poll = 0; poll < kCreationPolls + kFirstCommitPolls; ++poll) {
    if (poll > 0) std::this_thread::sleep_for(kPoll);
    building = write_locked(root);
    if (!building && poll >= kCreationPolls) break;
    if (!fs::is_directory(dir, ec)) continue;
    Result<std::optional<Xapian::Database>> db =
        guarded(dir.string(), [&] { return open_committed(root, dir, building); });
    if (!db) return db.error();
    if (db->has_value()) return std::move(**db);
  }
  if (building) {
    return Status::locked(root.string(), "the index is being built by another process and has "
                                         "nothing committed yet; try again in a moment");
  }
  if (!fs::is_directory(dir, ec)) {
    return Status::not_found(root.string(), "no index here; run `kbsearch index` first");
  }
  return Status::not_found(root.string(), "no index yet: its first build stopped before "
                                          "committing anything; run `kbsearch index`");
}

Result<IndexReader> open_reader(const fs::path& root, const Env& env) {
  Result<Xapian::Database> db = open_for_reading(root);
  if (!db) return db.error();
  return IndexReader{canonical_root(root), std::move(*db), &env};
}

}  // namespace kb
