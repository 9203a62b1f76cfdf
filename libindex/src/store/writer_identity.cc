#include "store/writer_identity.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <system_error>

#include "kb/index.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

fs::path record_of(const fs::path& root) { return index_dir(root) / "writer"; }

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
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

std::string describe_writer(const fs::path& root) {
  std::string pid = read_all(record_of(root));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return "";
  std::string command = read_all(fs::path("/proc") / pid / "cmdline");
  if (command.empty()) return "";  // gone (or not Linux)
  for (char& c : command) {
    if (c == '\0') c = ' ';
  }
  while (!command.empty() && command.back() == ' ') command.pop_back();
  return "pid " + pid + ": " + command;
}

}  // namespace kb
