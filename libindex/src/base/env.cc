#include "kb/env.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kb {
namespace fs = std::filesystem;

namespace {

Status from_errno(const fs::path& path, const char* doing, int error) {
  if (error == ENOENT || error == ENOTDIR) return Status::not_found(path.string(), "no such file");
  return Status::io_error(path.string(), std::string(doing) + ": " + std::strerror(error));
}

Env::FileType type_of(mode_t mode) {
  if (S_ISREG(mode)) return Env::FileType::kRegular;
  if (S_ISDIR(mode)) return Env::FileType::kFolder;
  if (S_ISLNK(mode)) return Env::FileType::kSymlink;
  return Env::FileType::kOther;
}

Env::FileInfo info_of(const struct stat& st) {
  Env::FileInfo info;
  info.type = type_of(st.st_mode);
  info.mtime_ns =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  info.size = static_cast<std::uint64_t>(st.st_size);
  info.device = static_cast<std::uint64_t>(st.st_dev);
  info.inode = static_cast<std::uint64_t>(st.st_ino);
  return info;
}

// Calls visit(folder_fd, name) for each entry of the folder `path` but "."
// and "..".
template <typename Visit>
Status each_entry(const fs::path& path, Visit&& visit) {
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return from_errno(path, "cannot read folder", errno);
  int error = 0;
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(dir);
    if (entry == nullptr) {
      error = errno;
      break;
    }
    if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
      visit(::dirfd(dir), entry->d_name);
    }
  }
  ::closedir(dir);
  if (error != 0) return from_errno(path, "cannot list folder", error);
  return Status();
}

class SystemEnv final : public Env {
 public:
  Result<FileInfo> stat_link(const fs::path& path) const override {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return from_errno(path, "cannot stat", errno);
    return info_of(st);
  }

  Result<std::vector<FolderEntry>> list_folder_entries(const fs::path& path) const override {
    std::vector<FolderEntry> entries;
    Status listed = each_entry(path, [&](int folder, const char* name) {
      struct stat st {};
      if (::fstatat(folder, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        entries.push_back(FolderEntry{name, from_errno(path / name, "cannot stat", errno)});
      } else {
        entries.push_back(FolderEntry{name, info_of(st)});
      }
    });
    if (!listed.ok()) return listed;
    return entries;
  }

  Result<std::vector<std::string>> list_folder(const fs::path& path) const override {
    std::vector<std::string> names;
    Status listed = each_entry(path, [&](int, const char* name) { names.emplace_back(name); });
    if (!listed.ok()) return listed;
    return names;
  }

  Result<std::string> read_link(const fs::path& path) const override {
    // A target that fills the buffer may have been cut: grow and read again.
    for (std::size_t size = 4096; size <= (1u << 20); size *= 4) {
      std::string target(size, '\0');
      const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
      if (n < 0) return from_errno(path, "cannot read link", errno);
      if (static_cast<std::size_t>(n) < size) {
        target.resize(static_cast<std::size_t>(n));
        return target;
      }
    }
    return Status::io_error(path.string(), "symbolic link target too long");
  }

  Result<std::string> read_file(const fs::path& path) const override {
    // Only regular files are opened: a device or a FIFO named x.md is
    // refused before open(), which has side effects on some devices.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return from_errno(path, "cannot stat", errno);
    if (!S_ISREG(st.st_mode)) return Status::invalid_argument(path.string(), "not a regular file");
    // O_NONBLOCK and O_NOCTTY in case it was swapped for a FIFO or a
    // terminal since; the fstat below checks what was opened.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return from_errno(path, "cannot open", errno);
    if (::fstat(fd, &st) != 0) {
      const int error = errno;
      ::close(fd);
      return from_errno(path, "cannot stat", error);
    }
    if (!S_ISREG(st.st_mode)) {
      ::close(fd);
      return Status::invalid_argument(path.string(), "not a regular file");
    }
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[1 << 16];
    while (true) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        const int error = errno;
        ::close(fd);
        return from_errno(path, "cannot read", error);
      }
      bytes.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return bytes;
  }
};

}  // namespace

Result<std::vector<Env::FolderEntry>> Env::list_folder_entries(const fs::path& path) const {
  Result<std::vector<std::string>> names = list_folder(path);
  if (!names) return names.error();
  std::vector<FolderEntry> entries;
  entries.reserve(names->size());
  for (std::string& name : *names) {
    Result<FileInfo> info = stat_link(path / name);
    entries.push_back(FolderEntry{std::move(name), std::move(info)});
  }
  return entries;
}

const Env& Env::system() {
  static const SystemEnv env;
  return env;
}

}  // namespace kb
