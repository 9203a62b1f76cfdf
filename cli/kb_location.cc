#include "kb_location.h"

#include <cstdlib>
#include <system_error>

#include "kb/index.h"

namespace kbcli {
namespace fs = std::filesystem;

kb::Result<fs::path> locate_kb(const std::string& flag, bool for_indexing) {
  std::string named = flag;
  std::string source = "--kb";
  if (named.empty()) {
    const char* env = std::getenv("KBSEARCH_KB");
    if (env != nullptr && *env != '\0') {
      named = env;
      source = "KBSEARCH_KB";
    }
  }
  std::error_code ec;
  if (!named.empty()) {
    if (!fs::is_directory(named, ec)) {
      return kb::Status::invalid_argument(
          source + " " + named, "no such folder");
    }
    return fs::path(named);
  }
  fs::path found = kb::find_root_above(fs::current_path(ec));
  if (!found.empty()) return found;
  if (for_indexing) return fs::current_path(ec);
  return kb::Status::invalid_argument(
      "", "no knowledge base here: pass --kb DIR, set KBSEARCH_KB, or run "
          "`kbsearch index` in the knowledge base's folder");
}

}  // namespace kbcli
