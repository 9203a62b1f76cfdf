// Index folder: what `<root>/.kbsearch/` holds and how writers take turns.
//
//   .kbsearch/lock        the writers' lock (an open-file-description lock,
//                         fcntl F_OFD_SETLK): one writer at a time, released
//                         by the kernel when its process dies, so never
//                         stale, and readers can ask whether it is held
//                         (F_OFD_GETLK) without taking it
//   .kbsearch/database    a Xapian stub file naming the current generation
//   .kbsearch/xapian-N/   generations: glass databases; only the one the
//                         stub names is current
//   .kbsearch/writer      who holds the lock (writer_identity.h)
//
// Generations let a writer replace the whole database (a compacted copy
// after a full build, an empty one for a rebuild) with one rename of the
// stub: a reader opens either the old generation or the new one, never a
// half-made one; one that has the old open reads it until its next query,
// which moves to the new one (IndexReader::follow_generation()).
#ifndef KB_SRC_STORE_INDEX_FOLDER_H_
#define KB_SRC_STORE_INDEX_FOLDER_H_

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>

#include "kb/status.h"

namespace kb {

// The stub file readers and writers open the database through.
std::filesystem::path database_path(const std::filesystem::path& root);

// Where schema 15 and before kept the one database: `.kbsearch/xapian/`.
std::filesystem::path legacy_database_dir(const std::filesystem::path& root);

// OK unless the index folder, the stub or the current generation is a
// symbolic link (kInvalidArgument naming it): followed, it would put the
// index outside the knowledge base. Each may be missing.
Status check_index_folders(const std::filesystem::path& root);

// The file the writers' lock is taken on.
std::filesystem::path lock_path(const std::filesystem::path& root);

// The writers' lock of the index of `root`, held while the object lives,
// with this process recorded as the writer meanwhile. Not thread-safe.
class WriterLock {
 public:
  // Takes the lock, waiting up to `wait` for another writer to let go.
  // kLocked when it does not, naming the holder when it is known;
  // kIOError when the lock file cannot be made (kReadOnly when the index
  // folder is read-only). The index folder must exist.
  static Result<WriterLock> acquire(const std::filesystem::path& root,
                                    std::chrono::milliseconds wait);

  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&& other) noexcept;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock();

 private:
  WriterLock(std::filesystem::path root, int fd) : root_(std::move(root)), fd_(fd) {}
  std::filesystem::path root_;
  int fd_ = -1;
};

// The folder of the current generation ("xapian-3"), or "" when there is
// no stub yet. kCorruption when the stub is not one this program wrote.
Result<std::string> current_generation(const std::filesystem::path& root);

// A name for a new generation, after every one in the folder.
std::string next_generation(const std::filesystem::path& root);

// Makes `generation` (a folder in the index folder) the current one: the
// stub is written to a temporary file, flushed, and renamed over the old.
// REQUIRES: the WriterLock is held.
Status switch_generation(const std::filesystem::path& root, const std::string& generation);

// Deletes every generation but the current one, and the database folder of
// schema 15 and before (`.kbsearch/xapian/`): what a writer killed between
// making a generation and switching to it, or before deleting the old one,
// leaves behind. Best effort. REQUIRES: the WriterLock is held.
void remove_stale_generations(const std::filesystem::path& root);

}  // namespace kb

#endif  // KB_SRC_STORE_INDEX_FOLDER_H_
