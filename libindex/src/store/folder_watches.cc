#include "store/folder_watches.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include "kb/crawler.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

// Every change that can add, change or drop a note, or move a folder. A
// file's unlink while it is still open is not a change of the folder's
// notes until it is closed (IN_EXCL_UNLINK).
constexpr std::uint32_t kWatchMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
                                     IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO |
                                     IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR |
                                     IN_DONT_FOLLOW | IN_EXCL_UNLINK;

// The value of /proc/sys/fs/inotify/`name`, or "unknown".
std::string inotify_limit(const std::string& name) {
  std::ifstream in("/proc/sys/fs/inotify/" + name);
  std::string value;
  if (!(in >> value)) return "unknown";
  return value;
}

// Adds what the event `e` says to `changes`.
void note_event(const inotify_event& e, int root_watch, FolderChanges& changes) {
  if ((e.mask & IN_Q_OVERFLOW) != 0) {
    changes.overflow = true;
    return;
  }
  if ((e.mask & (IN_DELETE_SELF | IN_MOVE_SELF)) != 0) {
    if (e.wd == root_watch) {
      changes.root_gone = true;
    } else {
      changes.folders = true;
    }
    return;
  }
  if (e.len == 0) return;  // IN_IGNORED and other events on the folder itself
  const std::string name = e.name;  // NUL-padded to e.len
  // A dialect marker made or removed changes how links read
  // (CrawlResult::markers): the update after it keeps the new markers.
  const bool folder = (e.mask & IN_ISDIR) != 0;
  if ((folder && name == ".obsidian") ||
      (!folder && (name == "_config.yml" || name == "index.html"))) {
    changes.notes = true;
    return;
  }
  if (name.empty() || name[0] == '.') return;
  if ((e.mask & IN_ISDIR) != 0) {
    changes.folders = true;
  } else if (is_note_file_name(name)) {
    changes.notes = true;
  }
}

}  // namespace

Result<FolderWatches> FolderWatches::open(const fs::path& root) {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == EMFILE) {
      return Status::io_error(
          root.string(), "cannot watch for changes: the limit on inotify instances "
                         "fs.inotify.max_user_instances (" +
                             inotify_limit("max_user_instances") +
                             ") is reached; stop other watching programs or raise it, e.g. "
                             "`sudo sysctl fs.inotify.max_user_instances=1024`");
    }
    return Status::io_error(root.string(),
                            std::string("cannot watch for changes: ") + std::strerror(error));
  }
  return FolderWatches(root, fd);
}

FolderWatches::FolderWatches(fs::path root, int fd) : root_(std::move(root)), fd_(fd) {}

FolderWatches::FolderWatches(FolderWatches&& other) noexcept
    : root_(std::move(other.root_)),
      fd_(std::exchange(other.fd_, -1)),
      folder_of_(std::move(other.folder_of_)),
      root_watch_(other.root_watch_) {}

FolderWatches::~FolderWatches() {
  if (fd_ >= 0) ::close(fd_);
}

Unwatched FolderWatches::watch_exactly(const std::vector<std::string>& folders) {
  Unwatched unwatched;
  std::map<int, std::string> watched;
  int first_error = 0;
  std::string first_folder;
  for (const std::string& folder : folders) {
    // A folder already watched (here or under its old path) gets its old
    // descriptor back.
    const int wd = ::inotify_add_watch(fd_, (root_ / folder).c_str(), kWatchMask);
    if (wd < 0) {
      if (unwatched.count++ == 0) {
        first_error = errno;
        first_folder = folder.empty() ? "." : folder;
      }
      continue;
    }
    watched[wd] = folder;
    if (folder.empty()) root_watch_ = wd;
  }
  for (const auto& [wd, folder] : folder_of_) {
    // Gone already when the folder was deleted: EINVAL, nothing to undo.
    if (watched.count(wd) == 0) (void)::inotify_rm_watch(fd_, wd);
  }
  folder_of_ = std::move(watched);
  if (unwatched.count == 0) return unwatched;
  const std::string which = "cannot watch " + std::to_string(unwatched.count) + " of " +
                            std::to_string(folders.size()) + " folders (" + first_folder +
                            " first): ";
  const std::string meanwhile = "; changes there are found by a full update every 30 s";
  if (first_error == ENOSPC) {
    unwatched.why = Status::io_error(
        root_.string(), which + "the limit on inotify watches fs.inotify.max_user_watches (" +
                            inotify_limit("max_user_watches") +
                            ") is reached; raise it, e.g. `sudo sysctl "
                            "fs.inotify.max_user_watches=524288`" +
                            meanwhile);
  } else {
    unwatched.why = Status::io_error(root_.string(),
                                     which + std::strerror(first_error) + meanwhile);
  }
  return unwatched;
}

Result<FolderChanges> FolderWatches::wait(std::chrono::milliseconds timeout) {
  FolderChanges changes;
  pollfd ready{fd_, POLLIN, 0};
  const int n = ::poll(&ready, 1, static_cast<int>(timeout.count()));
  if (n < 0 && errno != EINTR) {
    return Status::io_error(root_.string(), std::string("cannot wait for changes: ") +
                                                std::strerror(errno));
  }
  if (n <= 0) return changes;
  alignas(inotify_event) char buffer[64 * 1024];
  for (int reads = 0; reads < 64; ++reads) {
    const ssize_t got = ::read(fd_, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EAGAIN || errno == EINTR) break;
      return Status::io_error(root_.string(), std::string("cannot read changes: ") +
                                                  std::strerror(errno));
    }
    for (ssize_t at = 0; at < got;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      note_event(*event, root_watch_, changes);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
  return changes;
}

}  // namespace kb
