// FolderWatches: one inotify instance watching a set of folders of a
// knowledge base, and what its events say changed. Only kb::watch() uses
// it; it says when to look, never what the index holds (the crawl decides).
#ifndef KB_SRC_STORE_FOLDER_WATCHES_H_
#define KB_SRC_STORE_FOLDER_WATCHES_H_

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "kb/status.h"

namespace kb {

// What a batch of events says, names starting with '.' (the index folder,
// editors' swap and lock files) and files that are not notes left out.
struct FolderChanges {
  bool notes = false;      // a note was written, created, renamed or deleted
  bool folders = false;    // a folder appeared, went or moved: watch anew
  bool overflow = false;   // the kernel dropped events: anything may have changed
  bool root_gone = false;  // the root itself was deleted or moved
  bool any() const { return notes || folders || overflow; }
};

// The folders watch_exactly() could not watch.
struct Unwatched {
  std::size_t count = 0;
  // Not OK when count > 0: names the first such folder and why (the limit
  // fs.inotify.max_user_watches and how to raise it, when that is it).
  Status why;
};

class FolderWatches {
 public:
  // An inotify instance for the folders of `root` (canonical). kIOError
  // when the kernel refuses one; the message names the limit
  // fs.inotify.max_user_instances when that is the cause.
  static Result<FolderWatches> open(const std::filesystem::path& root);

  FolderWatches(FolderWatches&& other) noexcept;
  FolderWatches& operator=(FolderWatches&&) = delete;
  FolderWatches(const FolderWatches&) = delete;
  ~FolderWatches();  // closes the instance, which drops every watch

  // Watches exactly `folders` (relative to the root, "" is the root): adds
  // the new ones, drops those no longer listed. A folder that moved keeps
  // its watch, under its new path.
  Unwatched watch_exactly(const std::vector<std::string>& folders);

  // Waits at most `timeout` for events and reads the ones queued (at most
  // 64 reads of 64 KiB; the rest stay for the next call). A signal ends the
  // wait early with no changes. kIOError when reading fails.
  Result<FolderChanges> wait(std::chrono::milliseconds timeout);

 private:
  FolderWatches(std::filesystem::path root, int fd);

  std::filesystem::path root_;
  int fd_ = -1;
  std::map<int, std::string> folder_of_;  // by watch descriptor
  int root_watch_ = -1;
};

}  // namespace kb

#endif  // KB_SRC_STORE_FOLDER_WATCHES_H_
