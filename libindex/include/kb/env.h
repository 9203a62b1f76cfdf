// Env: how the library reads the files of a knowledge base.
//
// Every read of a note, a folder listing or a file's metadata goes through
// an Env, as in LevelDB: a program may supply its own (files held in
// memory, injected errors), and Env::system() is the operating system's.
// The index itself is not read through it: Xapian writes and reads
// `<root>/.kbsearch/` directly.
//
// Paths are the canonical knowledge-base root (see crawl()) joined with a
// path below it. Errors are values: kNotFound when the path does not exist,
// kIOError (message from the operating system) for anything else that
// fails, and read_file()'s kInvalidArgument below. Implementations must be
// safe to call from several threads at once and must not throw (the
// library turns an exception into kInternal, but the work it was doing is
// lost).
#ifndef KB_ENV_H_
#define KB_ENV_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kb/status.h"

namespace kb {

class Env {
 public:
  enum class FileType { kRegular, kFolder, kSymlink, kOther };

  // What lstat(2) tells: a symbolic link is described, never followed.
  struct FileInfo {
    FileType type = FileType::kOther;
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    // Identity of the file (st_dev, st_ino), so that a walk visits each
    // folder once however many links lead to it.
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
  };

  virtual ~Env() = default;

  // The operating system's files. Never fails; lives as long as the
  // process; thread-safe.
  static const Env& system();

  // Describes `path` itself: a link at its end is not followed (links in
  // the folders above it are, as lstat(2) does).
  virtual Result<FileInfo> stat_link(const std::filesystem::path& path) const = 0;

  // The names of the entries of the folder `path`, without "." and "..",
  // in no particular order.
  virtual Result<std::vector<std::string>> list_folder(
      const std::filesystem::path& path) const = 0;

  // An entry of a folder, described as stat_link() describes it.
  struct FolderEntry {
    std::string name;
    Result<FileInfo> info;
  };

  // The entries of the folder `path`, without "." and "..", in no
  // particular order, each described as stat_link() would (an entry that
  // cannot be described carries the error). Fails as list_folder(). The
  // crawler's walk is made of these calls; the default lists the folder and
  // stats each entry, and Env::system() stats them relative to the open
  // folder, without looking its path up again for every entry.
  virtual Result<std::vector<FolderEntry>> list_folder_entries(
      const std::filesystem::path& path) const;

  // The target of the symbolic link `path`, as stored (may be relative).
  virtual Result<std::string> read_link(const std::filesystem::path& path) const = 0;

  // The whole content of the file `path`, following links. kInvalidArgument
  // when it is not a regular file (a folder, a FIFO, a device), which is
  // never read, so that reading a FIFO named `x.md` cannot block.
  virtual Result<std::string> read_file(const std::filesystem::path& path) const = 0;
};

}  // namespace kb

#endif  // KB_ENV_H_
