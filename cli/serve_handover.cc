// run_serve() of kbsearch: hands the whole command line over to
// kbsearch-serve (serve_command.h), which parses it as kbsearch did.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "exit_codes.h"
#include "serve_command.h"

namespace kbcli {

namespace fs = std::filesystem;

namespace {

// Where kbsearch-serve is, from the folder of this program: beside it in a
// build folder, else where it is installed (KB_SERVE_FROM_BINDIR, the
// libexec path relative to the bin folder, set by the build).
fs::path server_program() {
  std::error_code ec;
  const fs::path here = fs::read_symlink("/proc/self/exe", ec).parent_path();
  if (fs::exists(here / "kbsearch-serve", ec)) return here / "kbsearch-serve";
  return (here / KB_SERVE_FROM_BINDIR).lexically_normal();
}

// This process's argv, as the kernel keeps it.
std::vector<std::string> own_arguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (std::size_t start = 0; start < all.size();) {
    const std::size_t end = all.find('\0', start);
    args.push_back(all.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return args;
}

}  // namespace

int run_serve(const GlobalOptions& /*global*/, const ServeCli& /*opt*/) {
  const fs::path program = server_program();
  std::vector<std::string> args = own_arguments();
  if (args.empty()) {
    return report_error(kb::Status::io_error("/proc/self/cmdline", "cannot read it"));
  }
  args.front() = program.string();
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(program.c_str(), argv.data());
  return report_error(kb::Status::io_error(
      program.string(), std::string("cannot run the server program: ") + std::strerror(errno)));
}

}  // namespace kbcli
