// CLI tests for the config files and `kbsearch config` (cli/README.md,
// "Configuration"): the user config in $XDG_CONFIG_HOME (a temporary
// folder, never the real home), `.kbsearch.toml` at the root, named
// knowledge bases, and the precedence of flags, environment and files.
#include <map>

#include "kbsearch_run.h"

namespace {

using kbtest::data_of;
using kbtest::kbsearch;
using kbtest::printed_lines;
using kbtest::Run;
namespace fs = std::filesystem;

// A small knowledge base and a user config folder, in one temporary folder.
struct ConfiguredKb {
  kbtest::TempDir dir;
  fs::path kb = dir.path() / "kb";
  fs::path xdg = dir.path() / "xdg";
  ConfiguredKb() {
    kbtest::write_file(kb / "notes/alpha.md", "# Alpha\n\nzebra one\n");
    kbtest::write_file(kb / "notes/beta.md", "# Beta\n\nzebra two\n");
    kbtest::write_file(kb / "drafts/gamma.md", "# Gamma\n\nzebra three\n");
    kbtest::write_file(kb / "journal/21.10.2024.md", "# Day\n\nquokka\n");
    REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path()).exit_code == 0);
  }
  void user_config(const std::string& toml) const {
    kbtest::write_file(xdg / "kbsearch/config.toml", toml);
  }
  void kb_config(const std::string& toml) const { kbtest::write_file(kb / ".kbsearch.toml", toml); }
  // Runs kbsearch in `cwd` with this user config.
  Run run(const std::vector<std::string>& args, const fs::path& cwd,
          std::vector<std::string> env = {}) const {
    env.push_back("XDG_CONFIG_HOME=" + xdg.string());
    return kbsearch(args, cwd, env);
  }
  // key -> {value, source} of `config --json` run in `cwd`.
  std::map<std::string, std::pair<nlohmann::json, std::string>> settings(
      const fs::path& cwd, std::vector<std::string> args = {},
      std::vector<std::string> env = {}) const {
    args.push_back("config");
    args.push_back("--json");
    const Run r = run(args, cwd, std::move(env));
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::pair<nlohmann::json, std::string>> out;
    for (const nlohmann::json& s : data_of(r.out, "setting")) {
      out[s.at("key")] = {s.at("value"), s.at("source")};
    }
    return out;
  }
};

}  // namespace

TEST_CASE("config prints each setting with where it came from, from the root and a subfolder",
          "[cli][config]") {
  ConfiguredKb c;
  c.user_config("[search]\nsort = \"date\"\nlimit = 50\n[links]\ndialect = \"site\"\n");
  c.kb_config("[search]\nsort = \"title\"\n");
  for (const fs::path& cwd : {c.kb, c.kb / "notes"}) {
    INFO(cwd);
    auto s = c.settings(cwd);
    CHECK(s["search.sort"] == std::pair<nlohmann::json, std::string>{"title", "kb config"});
    CHECK(s["search.limit"] == std::pair<nlohmann::json, std::string>{50, "user config"});
    CHECK(s["links.dialect"] == std::pair<nlohmann::json, std::string>{"site", "user config"});
    CHECK(s["output.color"] == std::pair<nlohmann::json, std::string>{"auto", "built-in"});
    CHECK(s["dates.file_name"].first.is_null());
    const Run text = c.run({"config"}, cwd);
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("search.sort = \"title\"  # kb config " + (c.kb / ".kbsearch.toml").string()) !=
          std::string::npos);
    CHECK(text.out.find("# user config: " + (c.xdg / "kbsearch/config.toml").string() + "\n") !=
          std::string::npos);
  }
  // The summary names the files.
  const Run r = c.run({"config", "--json"}, c.kb);
  const nlohmann::json summary = data_of(r.out, "summary").at(0);
  CHECK(summary.at("kb_config") == (c.kb / ".kbsearch.toml").string());
  CHECK(summary.at("user_config") == (c.xdg / "kbsearch/config.toml").string());
}

TEST_CASE("colour: flag, then a config file, then NO_COLOR, then auto", "[cli][config]") {
  ConfiguredKb c;
  using S = std::pair<nlohmann::json, std::string>;
  CHECK(c.settings(c.kb, {}, {"NO_COLOR=1"})["output.color"] == S{"never", "env"});
  c.user_config("[output]\ncolor = \"always\"\n");
  // A colour the user asked for in a file beats NO_COLOR (no-color.org).
  CHECK(c.settings(c.kb, {}, {"NO_COLOR=1"})["output.color"] == S{"always", "user config"});
  c.kb_config("[output]\ncolor = \"never\"\n");
  CHECK(c.settings(c.kb)["output.color"] == S{"never", "kb config"});
  CHECK(c.settings(c.kb, {"--color", "always"})["output.color"] == S{"always", "flag"});
  // And the output follows: escapes into a pipe only when asked for.
  CHECK(c.run({"zebra"}, c.kb).out.find("\033[") == std::string::npos);
  c.kb_config("[output]\ncolor = \"always\"\n");
  CHECK(c.run({"zebra"}, c.kb).out.find("\033[") != std::string::npos);
  CHECK(c.run({"--color", "never", "zebra"}, c.kb).out.find("\033[") == std::string::npos);
}

TEST_CASE("a knowledge base named in the user config is found by --kb NAME", "[cli][config]") {
  ConfiguredKb c;
  const fs::path elsewhere = c.dir.path() / "elsewhere";
  fs::create_directories(elsewhere);
  c.user_config("[kb.notes]\npath = \"" + c.kb.string() +
                "\"\n[kb.rel]\npath = \"../../kb\"\n[kb.gone]\npath = \"/nonexistent/kb\"\n");
  Run named = c.run({"--kb", "notes", "-l", "zebra"}, elsewhere);
  CHECK(named.exit_code == 0);
  CHECK(printed_lines(named.out).size() == 3);
  // A relative path is relative to the config file's folder; KBSEARCH_KB
  // takes names too.
  CHECK(c.run({"-l", "zebra"}, elsewhere, {"KBSEARCH_KB=rel"}).exit_code == 0);
  // An existing folder is a folder, whatever the names.
  fs::create_directories(elsewhere / "notes");
  CHECK(c.run({"--kb", "notes", "-l", "zebra"}, elsewhere).exit_code != 0);
  Run unknown = c.run({"--kb", "notez", "zebra"}, elsewhere);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("--kb notez") != std::string::npos);
  CHECK(unknown.err.find("names: gone, notes, rel") != std::string::npos);
  Run gone = c.run({"--kb", "gone", "zebra"}, elsewhere);
  CHECK(gone.exit_code == 2);
  CHECK(gone.err.find("/nonexistent/kb") != std::string::npos);
}

TEST_CASE("excludes of the config files and flags add up, and a change is seen at the next query",
          "[cli][config]") {
  ConfiguredKb c;
  const auto found = [&](const fs::path& cwd, std::vector<std::string> args = {}) {
    args.insert(args.end(), {"-l", "zebra"});
    return printed_lines(c.run(args, cwd).out).size();
  };
  CHECK(found(c.kb) == 3);
  c.kb_config("[index]\nexclude = [\"drafts/\"]\n");
  CHECK(found(c.kb) == 2);
  CHECK(found(c.kb / "notes") == 2);
  c.user_config("[index]\nexclude = [\"beta.md\"]\n");
  CHECK(found(c.kb / "notes") == 1);
  CHECK(found(c.kb, {"--exclude", "alpha.md"}) == 0);
  // The KB's rule comes after the user's, so it can bring a note back.
  c.kb_config("[index]\nexclude = [\"drafts/\", \"!beta.md\"]\n");
  CHECK(found(c.kb) == 2);
  fs::remove(c.kb / ".kbsearch.toml");
  fs::remove(c.xdg / "kbsearch/config.toml");
  CHECK(found(c.kb / "drafts") == 3);
}

TEST_CASE("search takes its sort from the config and its flag overrides it", "[cli][config]") {
  ConfiguredKb c;
  const auto sort_of = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--json", "zebra"});
    return data_of(c.run(args, c.kb / "notes").out, "summary").at(0).at("sort");
  };
  CHECK(sort_of({}) == "relevance");
  c.user_config("[search]\nsort = \"path\"\n");
  CHECK(sort_of({}) == "path");
  const std::vector<std::string> by_path = printed_lines(c.run({"-l", "zebra"}, c.kb).out);
  CHECK(by_path == std::vector<std::string>{"drafts/gamma.md", "notes/alpha.md", "notes/beta.md"});
  CHECK(sort_of({"--sort", "title"}) == "title");
}

TEST_CASE("[search] limit is the page on a terminal, and a pipe still gets every hit",
          "[cli][config]") {
  ConfiguredKb c;
  c.kb_config("[search]\nlimit = 1\n");
  CHECK(printed_lines(c.run({"-l", "zebra"}, c.kb).out).size() == 3);
  CHECK(printed_lines(c.run({"--limit", "2", "-l", "zebra"}, c.kb).out).size() == 2);
  // On a terminal (script(1) gives one), one hit and the footer for more.
  const std::string cmd = "cd " + kbtest::shell_quote(c.kb.string()) + " && script -qec " +
                          kbtest::shell_quote(kbtest::kbsearch_command(
                              {"--color", "never", "zebra"},
                              {"XDG_CONFIG_HOME=" + c.xdg.string()})) +
                          " /dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  ::pclose(pipe);
  INFO(out);
  std::size_t paths = 0;
  for (const char* path : {"notes/alpha.md", "notes/beta.md", "drafts/gamma.md"}) {
    if (out.find(path) != std::string::npos) ++paths;
  }
  CHECK(paths == 1);
}

TEST_CASE("a bad config is named with file, line and key, and the run goes on", "[cli][config]") {
  ConfiguredKb c;
  c.user_config("[search]\nlimt = 5\n");
  c.kb_config("[index]\nexclude = [\"drafts/\"]\n[links]\ndialect = \"obsidan\"\n");
  for (const fs::path& cwd : {c.kb, c.kb / "notes"}) {
    const Run r = c.run({"-l", "zebra"}, cwd);
    CHECK(r.exit_code == 0);
    CHECK(printed_lines(r.out).size() == 2);  // the good exclude applies
    CHECK(r.err.find((c.xdg / "kbsearch/config.toml").string() +
                     ":2: [search] limt is not a setting") != std::string::npos);
    CHECK(r.err.find((c.kb / ".kbsearch.toml").string() + ":4: [links] dialect = \"obsidan\"") !=
          std::string::npos);
  }
  c.kb_config("[index\n");
  const Run r = c.run({"-l", "zebra"}, c.kb);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find(".kbsearch.toml:1: not valid TOML") != std::string::npos);
}

TEST_CASE("[dates] file_name sets the formats of dates in file names", "[cli][config]") {
  ConfiguredKb c;
  CHECK(c.run({"-l", "date:2024-10-21"}, c.kb).exit_code == 1);
  c.kb_config("[dates]\nfile_name = [\"%d.%m.%Y\"]\n");
  for (const fs::path& cwd : {c.kb, c.kb / "journal"}) {
    const Run r = c.run({"-l", "date:2024-10-21"}, cwd);
    CHECK(r.exit_code == 0);
  }
  const Run r = c.run({"--json", "quokka"}, c.kb);
  CHECK(data_of(r.out, "hit").at(0).at("date") == "2024-10-21");
  // `note` reads the file again, with the formats the index used.
  const Run note = c.run({"note", "--json", "journal/21.10.2024.md"}, c.kb);
  CHECK(data_of(note.out, "note").at(0).at("date") == "2024-10-21");
}
