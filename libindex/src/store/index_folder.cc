#include "store/index_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>
#include <thread>
#include <vector>

#include "kb/index.h"
#include "store/writer_identity.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

constexpr const char* kStub = "database";
constexpr const char* kLock = "lock";
constexpr const char* kGenerationPrefix = "xapian-";
// Where schema 15 and before kept the one database.
constexpr const char* kLegacyDatabase = "xapian";

// The number of the generation folder `name`, or 0 when it is none.
unsigned long generation_number(const std::string& name) {
  const std::string prefix = kGenerationPrefix;
  if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size() ||
      name.size() > prefix.size() + 9) {
    return 0;
  }
  const std::string digits = name.substr(prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoul(digits);
}

std::string errno_text(int error) { return std::strerror(error); }

// Flushes the folder `dir`, so that a rename in it survives a power cut.
void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

fs::path database_path(const fs::path& root) { return index_dir(root) / kStub; }

fs::path lock_path(const fs::path& root) { return index_dir(root) / kLock; }

fs::path legacy_database_dir(const fs::path& root) { return index_dir(root) / kLegacyDatabase; }

namespace {

Status refuse_link(const fs::path& path) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    return Status::invalid_argument(
        path.string(),
        "is a symbolic link; kbsearch keeps its index inside the knowledge "
        "base only: replace the link with a folder");
  }
  return Status();
}

}  // namespace

Status check_index_folders(const fs::path& root) {
  // In this order: the stub is read only once it is known not to be a link.
  for (const fs::path& path : {index_dir(root), database_path(root)}) {
    if (Status s = refuse_link(path); !s.ok()) return s;
  }
  if (Result<std::string> current = current_generation(root); current && !current->empty()) {
    return refuse_link(index_dir(root) / *current);
  }
  return Status();
}

Result<WriterLock> WriterLock::acquire(const fs::path& root, std::chrono::milliseconds wait) {
  const fs::path path = lock_path(root);
  // O_NOFOLLOW: a link planted at the lock's place is not followed.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    if (error == EROFS || error == EACCES || error == EPERM) {
      return Status::io_error(index_dir(root).string(),
                              "cannot write the index here (" + errno_text(error) +
                                  "): the knowledge base or its index is read-only");
    }
    return Status::io_error(path.string(), "cannot make the lock file: " + errno_text(error));
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  struct flock whole {};
  whole.l_type = F_WRLCK;
  whole.l_whence = SEEK_SET;  // from 0, length 0: the whole file
  while (::fcntl(fd, F_OFD_SETLK, &whole) != 0) {
    const int error = errno;
    if (error != EAGAIN && error != EACCES && error != EINTR) {
      ::close(fd);
      return Status::io_error(path.string(), "cannot lock the index: " + errno_text(error));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      const std::string who = describe_writer(root);
      return Status::locked(
          index_dir(root).string(),
          "the index is being written by another process" + (who.empty() ? "" : " (" + who + ")"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  record_writer(root);
  return WriterLock(root, fd);
}

WriterLock::WriterLock(WriterLock&& other) noexcept
    : root_(std::move(other.root_)), fd_(std::exchange(other.fd_, -1)) {}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
  if (this != &other) {
    this->~WriterLock();
    root_ = std::move(other.root_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

WriterLock::~WriterLock() {
  if (fd_ < 0) return;
  forget_writer(root_);
  ::close(fd_);  // lets go of the lock
  fd_ = -1;
}

Result<std::string> current_generation(const fs::path& root) {
  const fs::path stub = database_path(root);
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(stub, ec);
  if (!fs::exists(status)) return std::string();
  if (!fs::is_regular_file(status)) {
    return Status::corruption(stub.string(), "not a database stub written by kbsearch");
  }
  std::ifstream in(stub, std::ios::binary);
  std::string content(std::istreambuf_iterator<char>(in), {});
  // Exactly what switch_generation() writes: "glass xapian-N\n".
  const std::string backend = "glass ";
  std::string name;
  if (content.rfind(backend, 0) == 0 && content.size() > backend.size() + 1 &&
      content.back() == '\n') {
    name = content.substr(backend.size(), content.size() - backend.size() - 1);
  }
  if (generation_number(name) == 0) {
    return Status::corruption(stub.string(), "not a database stub written by kbsearch");
  }
  return name;
}

std::string next_generation(const fs::path& root) {
  unsigned long last = 0;
  std::error_code ec;
  for (fs::directory_iterator it(index_dir(root), ec), end; !ec && it != end; it.increment(ec)) {
    last = std::max(last, generation_number(it->path().filename().string()));
  }
  return kGenerationPrefix + std::to_string(last + 1);
}

Status switch_generation(const fs::path& root, const std::string& generation) {
  const fs::path stub = database_path(root);
  const fs::path temporary = index_dir(root) / (std::string(kStub) + ".new");
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return Status::io_error(temporary.string(), "cannot write: " + errno_text(errno));
  const std::string content = "glass " + generation + "\n";
  const bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!written) return Status::io_error(temporary.string(), "cannot write: " + errno_text(error));
  if (::rename(temporary.c_str(), stub.c_str()) != 0) {
    return Status::io_error(stub.string(), "cannot replace: " + errno_text(errno));
  }
  sync_folder(index_dir(root));
  return Status();
}

void remove_stale_generations(const fs::path& root) {
  Result<std::string> current = current_generation(root);
  if (!current) return;  // not knowing which is current, delete none
  std::error_code ec;
  std::vector<fs::path> stale;
  for (fs::directory_iterator it(index_dir(root), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if ((generation_number(name) != 0 && name != *current) ||
        it->path() == legacy_database_dir(root)) {
      stale.push_back(it->path());
    }
  }
  for (const fs::path& path : stale) fs::remove_all(path, ec);
}

}  // namespace kb
