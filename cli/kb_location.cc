#include "kb_location.h"

#include <cstdlib>
#include <system_error>

#include "kb/index.h"

namespace kbcli {
namespace fs = std::filesystem;

namespace {

// The folder a [kb.NAME] path names: "~" is $HOME, and a relative path is
// relative to the config file that holds it, as a path in a file is.
fs::path named_path(const kb::Setting<std::string>& setting) {
  const std::string& path = setting.value;
  const char* home = std::getenv("HOME");
  if ((path == "~" || path.rfind("~/", 0) == 0) && home != nullptr) {
    return fs::path(home) / path.substr(path.size() > 1 ? 2 : 1);
  }
  if (fs::path(path).is_absolute()) return path;
  return fs::path(setting.origin).parent_path() / path;
}

// `value` (from `source`) as a knowledge base: a folder, else a name.
kb::Result<fs::path> named_kb(const std::string& value, const std::string& source,
                              const std::map<std::string, kb::Setting<std::string>>& named) {
  std::error_code ec;
  if (fs::is_directory(value, ec)) return fs::path(value);
  const auto it = named.find(value);
  if (it == named.end()) {
    std::string names;
    for (const auto& [name, unused] : named) names += (names.empty() ? "" : ", ") + name;
    return kb::Status::invalid_argument(
        source + " " + value,
        "no such folder, nor a knowledge base of that name in the user config (" +
            (names.empty() ? std::string("it names none: add [kb.NAME] path = \"DIR\"")
                           : "names: " + names) +
            ")");
  }
  const fs::path path = named_path(it->second);
  if (!fs::is_directory(path, ec)) {
    return kb::Status::invalid_argument(source + " " + value,
                                        "[kb." + value + "] path \"" + it->second.value +
                                            "\" in " + it->second.origin + " is no folder");
  }
  return path;
}

}  // namespace

kb::Result<fs::path> locate_kb(const std::string& flag, bool for_indexing,
                               const std::map<std::string, kb::Setting<std::string>>& named) {
  std::string value = flag;
  std::string source = "--kb";
  if (value.empty()) {
    const char* env = std::getenv("KBSEARCH_KB");
    if (env != nullptr && *env != '\0') {
      value = env;
      source = "KBSEARCH_KB";
    }
  }
  if (!value.empty()) return named_kb(value, source, named);
  std::error_code ec;
  fs::path found = kb::find_root_above(fs::current_path(ec));
  if (!found.empty()) return found;
  if (for_indexing) return fs::current_path(ec);
  return kb::Status::invalid_argument(
      "", "no knowledge base here: pass --kb DIR, set KBSEARCH_KB, or run "
          "`kbsearch index` in the knowledge base's folder");
}

}  // namespace kbcli
