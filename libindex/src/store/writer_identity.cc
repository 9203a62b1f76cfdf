#include "store/writer_identity.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <system_error>

#include "kb/index.h"
#include "store/index_folder.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

fs::path record_of(const fs::path& root) { return index_dir(root) / "writer"; }

fs::path lock_file_of(const fs::path& root) { return lock_path(root); }

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// True when process `pid` has the file `target` open.
bool has_open(const std::string& pid, const struct stat& target) {
  std::error_code ec;
  fs::directory_iterator fds(fs::path("/proc") / pid / "fd", ec);
  if (ec) return false;  // gone (or not Linux)
  for (const fs::directory_entry& fd : fds) {
    struct stat st {};
    if (::stat(fd.path().c_str(), &st) == 0 && st.st_dev == target.st_dev &&
        st.st_ino == target.st_ino) {
      return true;
    }
  }
  return false;
}

}  // namespace

void record_writer(const fs::path& root) {
  // O_NOFOLLOW: a link planted at the record's place is not written through.
  const int fd = ::open(record_of(root).c_str(),
                        O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return;
  const std::string pid = std::to_string(::getpid()) + "\n";
  (void)!::write(fd, pid.data(), pid.size());
  ::close(fd);
}

void forget_writer(const fs::path& root) {
  const std::string pid = std::to_string(::getpid()) + "\n";
  std::error_code ec;
  if (read_all(record_of(root)) == pid) fs::remove(record_of(root), ec);
}

bool write_locked(const fs::path& root) {
  const int fd = ::open(lock_file_of(root).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  // WriterLock takes an open-file-description lock: asked the same way, it
  // conflicts with this process's own too, as a second writer here would.
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  const bool locked = ::fcntl(fd, F_OFD_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return locked;
}

std::string describe_writer(const fs::path& root) {
  std::string pid = read_all(record_of(root));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return "";
  // The lock names no process; the recorded one is the holder only if the
  // lock is held and that process has the lock file open.
  struct stat lock {};
  if (!write_locked(root) || ::stat(lock_file_of(root).c_str(), &lock) != 0 ||
      !has_open(pid, lock)) {
    return "";
  }
  std::string command = read_all(fs::path("/proc") / pid / "cmdline");
  if (command.empty()) return "";  // gone meanwhile
  for (char& c : command) {
    if (c == '\0') c = ' ';
  }
  while (!command.empty() && command.back() == ' ') command.pop_back();
  return "pid " + pid + ": " + command;
}

}  // namespace kb
