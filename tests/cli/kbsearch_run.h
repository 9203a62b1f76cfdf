// How CLI tests run the built `kbsearch`: in a folder, with a clean
// environment, capturing exit code, stdout and stderr; and small readers of
// what it printed. Every tests/cli/*_test.cc includes this.
#ifndef KB_TESTS_CLI_KBSEARCH_RUN_H_
#define KB_TESTS_CLI_KBSEARCH_RUN_H_

#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "indexed_fixture.h"
#include "test_util.h"

namespace kbtest {

namespace fs = std::filesystem;

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

// The shell command that runs kbsearch with `args`, with $KBSEARCH_KB and
// $NO_COLOR unset and no user config ($XDG_CONFIG_HOME a folder that does
// not exist) unless `env` sets them ("NAME=value" entries).
inline std::string kbsearch_command(const std::vector<std::string>& args,
                             const std::vector<std::string>& env = {}) {
  std::string cmd =
      "env -u KBSEARCH_KB -u NO_COLOR LANG= LC_ALL= XDG_CONFIG_HOME=/nonexistent/kbsearch-tests";
  for (const std::string& e : env) cmd += " " + shell_quote(e);
  cmd += " " + shell_quote(KBSEARCH_BIN);
  for (const std::string& a : args) cmd += " " + shell_quote(a);
  return cmd;
}

// Runs the shell command `command` in folder `cwd`, stdin empty.
inline Run run_command(const std::string& command, const fs::path& cwd) {
  kbtest::TempDir io;
  const std::string cmd = "cd " + shell_quote(cwd.string()) + " && " + command + " >" +
                          shell_quote((io.path() / "out").string()) + " 2>" +
                          shell_quote((io.path() / "err").string()) + " </dev/null";
  const int status = std::system(cmd.c_str());
  Run run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = kbtest::read_file(io.path() / "out");
  run.err = kbtest::read_file(io.path() / "err");
  return run;
}

// Runs kbsearch_command(args, env) in folder `cwd`.
inline Run kbsearch(const std::vector<std::string>& args, const fs::path& cwd,
             const std::vector<std::string>& env = {}) {
  return run_command(kbsearch_command(args, env), cwd);
}

inline bool hidden(const fs::path& rel) {
  for (const fs::path& part : rel) {
    if (!part.empty() && part.string()[0] == '.') return true;
  }
  return false;
}

inline bool is_note(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".md" || ext == ".markdown";
}

// Paths (relative to `kb`) of the notes whose bytes contain `needle`.
inline std::set<std::string> notes_containing(const fs::path& kb,
                                       const std::string& needle) {
  std::set<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(kb)) {
    const fs::path rel = entry.path().lexically_relative(kb);
    if (!entry.is_regular_file() || hidden(rel) || !is_note(rel)) continue;
    if (kbtest::read_file(entry.path()).find(needle) != std::string::npos) {
      found.insert(rel.generic_string());
    }
  }
  return found;
}

inline std::size_t count_notes(const fs::path& kb) {
  std::size_t n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kb)) {
    const fs::path rel = entry.path().lexically_relative(kb);
    if (entry.is_regular_file() && !hidden(rel) && is_note(rel)) ++n;
  }
  return n;
}

// The lines `kbsearch` printed: "a\nb\n" gives "a" and "b" (no empty last line).
inline std::vector<std::string> printed_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The "data" of each line of the JSON Lines `out` whose "type" is `type`.
inline std::vector<nlohmann::json> data_of(const std::string& out, const std::string& type) {
  std::vector<nlohmann::json> data;
  for (const std::string& line : printed_lines(out)) {
    const nlohmann::json parsed = nlohmann::json::parse(line);
    if (parsed.at("type") == type) data.push_back(parsed.at("data"));
  }
  return data;
}

// A copy of fixtures/`name` on disk, indexed by the program.
struct IndexedKb {
  kbtest::TempDir dir;
  fs::path kb;
  explicit IndexedKb(const std::string& name = "kb") : kb(dir.path() / "kb") {
    kbtest::copy_fixture(name, kb);
    Run run = kbsearch({"index", "--kb", kb.string()}, dir.path());
    REQUIRE(run.exit_code == 0);
  }
};


inline std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(separator, pos);
    if (end == std::string::npos) end = text.size();
    parts.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

inline std::set<std::string> as_set(const std::vector<std::string>& v) {
  return std::set<std::string>(v.begin(), v.end());
}

}  // namespace kbtest

#endif  // KB_TESTS_CLI_KBSEARCH_RUN_H_
