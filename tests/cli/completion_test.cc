// End-to-end tests of the shell completions (#12 part 4): the scripts the
// build writes with `kbsearch --generate complete-bash|zsh|fish`, run in
// the real shells on an indexed copy of fixtures/kb. Each completes
// subcommands, a subcommand's options (those its --help lists), and the
// indexed note paths after a NOTE, from the root and from a subfolder
// (relative to it, as NOTE arguments take them).
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "shell_run.h"

namespace fs = std::filesystem;

using namespace kbtest;  // NOLINT: the runners and readers of shell_run.h

namespace {

const fs::path kCompletions = KB_COMPLETIONS_DIR;

// The long options `kbsearch SUB --help` lists.
std::set<std::string> help_options(const std::string& sub) {
  const Run help = kbsearch({sub, "--help"}, fs::current_path());
  std::set<std::string> names;
  const std::regex option(R"((^|[ ,])(--[a-z][a-z0-9-]*))");
  for (const std::string& line : printed_lines(help.out)) {
    if (line.rfind("  -", 0) != 0) continue;
    const std::string names_part = line.substr(0, line.find(' ', 2));
    for (std::sregex_iterator it(names_part.begin(), names_part.end(), option), end; it != end;
         ++it) {
      names.insert((*it)[2]);
    }
  }
  return names;
}

// What bash's _kbsearch offers for the command line `words` (the last one
// being completed), one candidate a line.
std::set<std::string> bash_offers(const std::vector<std::string>& words, const fs::path& cwd) {
  std::string line;
  for (const std::string& w : words) line += " " + shell_quote(w);
  const Run run = run_script(
      "bash --norc --noprofile",
      "source " + shell_quote((kCompletions / "bash" / "kbsearch").string()) + "\n" +
          "COMP_WORDS=(" + shell_quote(KBSEARCH_BIN) + line + ")\n"
          "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
          "_kbsearch\n"
          "printf '%s\\n' \"${COMPREPLY[@]}\"\n",
      cwd);
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  std::set<std::string> offered;
  for (const std::string& o : printed_lines(run.out)) {
    if (!o.empty()) offered.insert(o);
  }
  return offered;
}

// What fish offers for `commandline` (`complete -C`), the candidates
// without their descriptions.
std::set<std::string> fish_offers(const std::string& commandline, const fs::path& cwd) {
  const Run run = run_script(
      "fish --no-config",
      "source " + shell_quote((kCompletions / "fish" / "kbsearch.fish").string()) + "\n" +
          "complete -C " + shell_quote(commandline) + "\n",
      cwd);
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  std::set<std::string> offered;
  for (const std::string& o : printed_lines(run.out)) offered.insert(o.substr(0, o.find('\t')));
  return offered;
}

// The note files of the fixture's English/ folder, as listed on disk.
std::set<std::string> english_notes(const fs::path& kb) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(kb / "English")) {
    if (is_note(entry.path())) names.insert(entry.path().filename().string());
  }
  return names;
}

}  // namespace

TEST_CASE("bash completes subcommands, a subcommand's options and its NOTE",
          "[cli][completion]") {
  IndexedKb fx;
  CHECK(bash_offers({"bac"}, fx.kb) == std::set<std::string>{"backlinks"});
  CHECK(bash_offers({"re"}, fx.kb) == std::set<std::string>{"related"});

  const std::set<std::string> options = bash_offers({"backlinks", "--"}, fx.kb);
  const std::set<std::string> listed = help_options("backlinks");
  REQUIRE(listed.count("--json") == 1);
  for (const std::string& option : listed) CHECK(options.count(option) == 1);
  CHECK(options.count("--kb") == 1);  // global options fall through
  CHECK(bash_offers({"--color", ""}, fx.kb) == std::set<std::string>{"auto", "always", "never"});

  // Folders one level at a time, as shells complete files.
  const std::set<std::string> top = bash_offers({"backlinks", "Eng"}, fx.kb);
  CHECK(top == std::set<std::string>{"English/"});
  std::set<std::string> in_english;
  for (const std::string& name : english_notes(fx.kb)) in_english.insert("English/" + name);
  CHECK(bash_offers({"backlinks", "English/"}, fx.kb) == in_english);
  CHECK(bash_offers({"links", "English/re"}, fx.kb) ==
        std::set<std::string>{"English/reading-list.md"});
  // From a subfolder, from it: its notes, and ../ for the others.
  std::set<std::string> from_english = english_notes(fx.kb);
  from_english.insert("../");
  CHECK(bash_offers({"backlinks", ""}, fx.kb / "English") == from_english);
  CHECK(bash_offers({"related", "../大"}, fx.kb / "English") ==
        std::set<std::string>{"../大模型LM/"});
  // --kb from outside the knowledge base: paths from its root.
  CHECK(bash_offers({"--kb", fx.kb.string(), "note", "English/re"}, fx.dir.path()) ==
        std::set<std::string>{"English/reading-list.md"});
  // search takes no NOTE: no paths after it.
  CHECK(bash_offers({"search", "Eng"}, fx.kb).empty());
}

TEST_CASE("zsh's _kbsearch parses, offers every subcommand and completes NOTE",
          "[cli][completion]") {
  IndexedKb fx;
  const fs::path script = kCompletions / "zsh" / "_kbsearch";
  const Run parsed = run_script("zsh -f -n", read_file(script), fx.kb);
  INFO("stderr: " << parsed.err);
  REQUIRE(parsed.exit_code == 0);

  // Outside a completion widget compadd and _arguments cannot run: these
  // stand-ins print what the function hands them.
  const std::string stubs =
      "compdef() { :; }\n"
      "source " + shell_quote(script.string()) + "\n" +
      "_arguments() { print -rl -- \"$@\"; state=$STUB_STATE; line=(${=STUB_LINE}); }\n"
      "_describe() { print -rl -- \"${(@P)4}\"; }\n"
      "compadd() { print -rl -- \"${(@P)${@[-1]}}\"; }\n";
  const Run commands = run_script(
      "zsh -f", stubs + "words=(kbsearch ''); CURRENT=2; STUB_STATE=command _kbsearch\n", fx.kb);
  INFO("stderr: " << commands.err);
  REQUIRE(commands.exit_code == 0);
  const std::vector<std::string> subcommands = listed_subcommands();
  REQUIRE(subcommands.size() > 10);
  for (const std::string& sub : subcommands) {
    INFO("subcommand: " << sub);
    CHECK(commands.out.find("\n" + sub + ":") != std::string::npos);
  }

  const Run backlinks = run_script(
      "zsh -f",
      stubs + "words=(kbsearch backlinks ''); CURRENT=3; STUB_STATE=argument "
              "STUB_LINE=backlinks _kbsearch\n",
      fx.kb);
  REQUIRE(backlinks.exit_code == 0);
  CHECK(backlinks.out.find("\n--json[") != std::string::npos);
  CHECK(backlinks.out.find("\n1:note:_kbsearch_notes\n") != std::string::npos);

  const Run notes = run_script(
      "zsh -f",
      stubs + "_kbsearch_line=(" + shell_quote(KBSEARCH_BIN) +
          " backlinks ''); PREFIX=re _kbsearch_notes\n",
      fx.kb / "English");
  REQUIRE(notes.exit_code == 0);
  std::set<std::string> added = as_set(printed_lines(notes.out));
  added.erase("");  // the empty list of folders
  CHECK(added == std::set<std::string>{"reading-list.md"});
}

TEST_CASE("fish completes subcommands, options and NOTE", "[cli][completion]") {
  IndexedKb fx;
  CHECK(fish_offers("kbsearch bac", fx.kb) == std::set<std::string>{"backlinks"});
  const std::set<std::string> options = fish_offers("kbsearch backlinks --", fx.kb);
  for (const std::string& option : help_options("backlinks")) CHECK(options.count(option) == 1);
  CHECK(fish_offers("kbsearch backlinks English/re", fx.kb) ==
        std::set<std::string>{"English/reading-list.md"});
  CHECK(fish_offers("kbsearch mentions re", fx.kb / "English") ==
        std::set<std::string>{"reading-list.md"});
}

TEST_CASE("index PATH completes the files on disk, indexed or not, in every shell",
          "[cli][completion]") {
  IndexedKb fx;
  kbtest::write_file(fx.kb / "English" / "brand-new.md", "# new\n");
  const std::set<std::string> new_note = {"English/brand-new.md"};
  CHECK(bash_offers({"index", "English/bra"}, fx.kb) == new_note);
  CHECK(bash_offers({"index", "assets/"}, fx.kb) == std::set<std::string>{"assets/not-a-note.txt"});
  CHECK(bash_offers({"index", "bra"}, fx.kb / "English") == std::set<std::string>{"brand-new.md"});
  CHECK(fish_offers("kbsearch index English/bra", fx.kb) == new_note);

  const fs::path script = kCompletions / "zsh" / "_kbsearch";
  const Run zsh =
      run_script("zsh -f",
                 "compdef() { :; }\nsource " + shell_quote(script.string()) +
                     "\n_arguments() { print -rl -- \"$@\"; state=argument; line=(index); }\n"
                     "words=(kbsearch index ''); CURRENT=3; _kbsearch\n",
                 fx.kb);
  INFO("stderr: " << zsh.err);
  REQUIRE(zsh.exit_code == 0);
  CHECK(zsh.out.find("\n*:path:_files\n") != std::string::npos);
}

TEST_CASE("__complete-notes is silent and exits non-zero without a knowledge base",
          "[cli][completion]") {
  kbtest::TempDir empty;
  const Run run = kbsearch({"__complete-notes", ""}, empty.path());
  CHECK(run.exit_code != 0);
  CHECK(run.out.empty());
  CHECK(run.err.empty());
  // Hidden: not among the subcommands people are shown.
  const std::vector<std::string> listed = listed_subcommands();
  CHECK(std::find(listed.begin(), listed.end(), "__complete-notes") == listed.end());
}
