// How the tests of the generated man page and shell completions run a
// shell script: written to a file, run by `shell` in a folder with a clean
// environment (the built kbsearch first on PATH, a UTF-8 locale for the
// Chinese note paths), capturing exit code, stdout and stderr.
#ifndef KB_TESTS_CLI_SHELL_RUN_H_
#define KB_TESTS_CLI_SHELL_RUN_H_

#include <filesystem>
#include <string>

#include "kbsearch_run.h"

namespace kbtest {

inline Run run_script(const std::string& shell, const std::string& script,
                      const std::filesystem::path& cwd) {
  kbtest::TempDir script_dir;
  kbtest::write_file(script_dir.path() / "script", script);
  const std::string bin_dir = std::filesystem::path(KBSEARCH_BIN).parent_path().string();
  return run_in(cwd, "env -u KBSEARCH_KB -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=" +
                         shell_quote(script_dir.path().string()) +
                         " XDG_CONFIG_HOME=/nonexistent/kbsearch-tests PATH=" +
                         shell_quote(bin_dir) + ":/usr/bin:/bin " + shell + " " +
                         shell_quote((script_dir.path() / "script").string()));
}

// The subcommands `kbsearch --help` lists: the program's own list.
inline std::vector<std::string> listed_subcommands() {
  const Run help = kbsearch({"--help"}, std::filesystem::current_path());
  std::vector<std::string> names;
  bool in = false;
  for (const std::string& line : printed_lines(help.out)) {
    if (line == "Subcommands:") {
      in = true;
    } else if (in && line.empty()) {
      break;
    } else if (in && line.size() > 2) {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return names;
}

}  // namespace kbtest

#endif  // KB_TESTS_CLI_SHELL_RUN_H_
