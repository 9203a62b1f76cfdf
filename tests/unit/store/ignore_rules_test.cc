// Tests for IgnoreRules (store/ignore_rules.h), through crawl(): what it
// leaves out must be what git leaves out. Each tree is also given to
// `git ls-files --others --cached --exclude-standard` (git is in
// tools/setup.sh), whose Markdown files outside hidden folders are the
// notes expected, so that no expectation is this matcher's own reading of
// gitignore(5).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "kb/crawler.h"
#include "mem_env.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace {

// Runs `command` with sh, returns its standard output; it must exit 0.
std::string run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  INFO(command);
  REQUIRE(::pclose(pipe) == 0);
  return out;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// git, with no user or system configuration and the crawler's default
// excludes as its core.excludesFile (they are the lowest-precedence rules
// of both).
std::string git(const fs::path& dir, const std::string& args, const fs::path& scratch) {
  std::string defaults;
  for (const std::string& rule : kb::default_excludes()) defaults += rule + "\n";
  kbtest::write_file(scratch / "excludes", defaults);
  return run("cd " + quoted(dir) + " && HOME=" + quoted(scratch) + " XDG_CONFIG_HOME=" +
             quoted(scratch) + " GIT_CONFIG_NOSYSTEM=1 git -c core.excludesFile=" +
             quoted(scratch / "excludes") + " " + args);
}

bool hidden(const std::string& path) {
  for (const auto& part : fs::path(path)) {
    if (part.string()[0] == '.') return true;
  }
  return false;
}

// The notes git lists in `dir`: its untracked and tracked files that are
// not ignored, named .md or .markdown, outside hidden folders.
std::set<std::string> notes_git_lists(const fs::path& dir, const fs::path& scratch) {
  const std::string listed = git(dir, "ls-files -z --others --cached --exclude-standard", scratch);
  std::set<std::string> notes;
  for (std::size_t start = 0; start < listed.size();) {
    std::size_t end = listed.find('\0', start);
    if (end == std::string::npos) end = listed.size();
    const std::string path = listed.substr(start, end - start);
    start = end + 1;
    if (kb::is_note_file_name(fs::path(path).filename().string()) && !hidden(path)) {
      notes.insert(path);
    }
  }
  return notes;
}

std::set<std::string> notes_crawled(const fs::path& root, const kb::Env& env = kb::Env::system()) {
  std::vector<kb::Diagnostic> problems;
  kb::Result<kb::CrawlResult> found = kb::crawl(root, problems, env);
  REQUIRE(found.has_value());
  for (const kb::Diagnostic& d : problems) FAIL_CHECK(d.to_string());
  std::set<std::string> paths;
  for (const kb::NoteFile& note : found->notes) paths.insert(note.path);
  return paths;
}

// A knowledge base with nested ignore files (named `ignore_name`), every
// kind of pattern and its notes.
void write_tree(const fs::path& root, const std::string& ignore_name) {
  const auto ignore_file = [&](const std::string& folder, const std::string& text) {
    kbtest::write_file(root / folder / ignore_name, text);
  };
  ignore_file("",
              "# a comment\n"
              "*.tmp.md\n"
              "drafts/\n"
              "**/tmp\n"
              "/root-only.md\n"
              "logs/*\n"
              "!logs/keep.md\n"
              "everywhere.md\n"
              "doc/*.md\n"
              "a/**/b/\n"
              "spaced.md   \n"
              "\\#hash.md\n"
              "!drafts/back.md\n");
  ignore_file("n1", "!everywhere.md\nlocal/\n/anchored.md\n");
  ignore_file("n1/n2", "*.markdown\n!keep.markdown\n");
  ignore_file("we[ir]d*", "x.md\n");
  ignore_file("my notes", "*\r\n!*.md\r\n!*/\r\nsecret.md\r\n");
  ignore_file("site", "!public/\n");
  ignore_file("笔记", "草稿.md\n");
  for (const char* note : {
           "a.md", "b.tmp.md", "drafts/x.md", "drafts/back.md", "sub/drafts/y.md", "tmp/t.md",
           "sub/tmp/t.md", "sub/tmpx/t.md", "root-only.md", "sub/root-only.md", "logs/x.md",
           "logs/keep.md", "logs/deeper/z.md", "everywhere.md", "sub/everywhere.md",
           "n1/everywhere.md", "n1/n2/everywhere.md", "n1/local/l.md", "n1/x/local/l.md",
           "n1/anchored.md", "n1/x/anchored.md", "n1/n2/a.markdown", "n1/n2/keep.markdown",
           "n1/n2/c.md", "doc/d.md", "doc/sub/d.md", "a/b/c.md", "a/x/y/b/c.md", "a/b.md",
           "spaced.md", "#hash.md", "sub/#hash.md", "we[ir]d*/x.md", "we[ir]d*/y.md",
           "weidx/x.md", "my notes/n.md", "my notes/secret.md", "my notes/deep/m.md",
           "node_modules/pkg/README.md", "sub/node_modules/p.md", "_site/index.md",
           "public/p.md", "site/public/p.md", "笔记/草稿.md", "笔记/定稿.md", "Mixed.MD",
           ".hidden/h.md", ".h.md"}) {
    kbtest::write_file(root / note, "# note\n");
  }
  kbtest::write_file(root / "my notes/n.txt", "not a note\n");
}

// What the rules of write_tree() mean, read from gitignore(5): checked on
// git's answer, so that the comparison cannot pass on a tree whose rules
// git would not apply either.
const std::set<std::string> kExpectedOut = {
    "b.tmp.md", "drafts/x.md", "sub/drafts/y.md", "logs/deeper/z.md", "sub/#hash.md", "drafts/back.md", "tmp/t.md", "sub/tmp/t.md", "root-only.md",
    "logs/x.md", "everywhere.md", "sub/everywhere.md", "n1/local/l.md", "n1/x/local/l.md",
    "n1/anchored.md", "n1/n2/a.markdown", "doc/d.md", "a/b/c.md", "a/x/y/b/c.md", "spaced.md",
    "#hash.md", "we[ir]d*/x.md", "my notes/secret.md", "node_modules/pkg/README.md",
    "sub/node_modules/p.md", "_site/index.md", "public/p.md", "笔记/草稿.md"};
const std::set<std::string> kExpectedIn = {
    "a.md", "logs/keep.md", "n1/everywhere.md", "n1/n2/everywhere.md", "n1/x/anchored.md",
    "n1/n2/keep.markdown", "doc/sub/d.md", "a/b.md", "weidx/x.md", "we[ir]d*/y.md",
    "my notes/n.md", "my notes/deep/m.md", "site/public/p.md", "笔记/定稿.md", "Mixed.MD",
    "sub/tmpx/t.md", "sub/root-only.md"};

}  // namespace

TEST_CASE("crawl leaves out what git ls-files leaves out, in a git work tree", "[ignore]") {
  const kbtest::TempDir kb;
  const kbtest::TempDir scratch;
  write_tree(kb.path(), ".gitignore");
  git(kb.path(), "init -q", scratch.path());
  const std::set<std::string> expected = notes_git_lists(kb.path(), scratch.path());
  for (const std::string& out : kExpectedOut) CHECK(expected.count(out) == 0);
  for (const std::string& in : kExpectedIn) CHECK(expected.count(in) == 1);
  CHECK(notes_crawled(kb.path()) == expected);
}

TEST_CASE("a knowledge base in no git work tree is crawled as if it were one", "[ignore]") {
  const kbtest::TempDir in_git;
  const kbtest::TempDir plain;
  const kbtest::TempDir scratch;
  write_tree(in_git.path(), ".gitignore");
  write_tree(plain.path(), ".gitignore");
  git(in_git.path(), "init -q", scratch.path());
  const std::set<std::string> notes = notes_crawled(plain.path());
  CHECK(notes == notes_git_lists(in_git.path(), scratch.path()));
  CHECK(notes.count("n1/everywhere.md") == 1);  // a nested negation
  CHECK(notes.count("everywhere.md") == 0);
}

TEST_CASE(".kbignore files anywhere work as .gitignore files do", "[ignore]") {
  const kbtest::TempDir in_git;
  const kbtest::TempDir scratch;
  write_tree(in_git.path(), ".gitignore");
  git(in_git.path(), "init -q", scratch.path());
  const kbtest::TempDir kb;
  // Through an Env: the ignore files are read with the notes.
  kbtest::MemEnv files(kb.path());
  const kbtest::TempDir staging;
  write_tree(staging.path(), ".kbignore");
  files.load(staging.path());
  CHECK(notes_crawled(kb.path(), files) == notes_git_lists(in_git.path(), scratch.path()));
}

TEST_CASE("a knowledge base below a git work tree's root gets the rules above it too",
          "[ignore]") {
  const kbtest::TempDir repo;
  const kbtest::TempDir scratch;
  kbtest::write_file(repo.path() / ".gitignore", "*.tmp.md\nkb/dropped/\n/kb/top-only.md\n");
  kbtest::write_file(repo.path() / "kb/.gitignore", "!keep.tmp.md\n");
  kbtest::write_file(repo.path() / "elsewhere/.gitignore", "*.md\n");
  for (const char* note : {"kb/a.md", "kb/b.tmp.md", "kb/keep.tmp.md", "kb/dropped/c.md",
                           "kb/sub/dropped/d.md", "kb/top-only.md", "kb/sub/top-only.md",
                           "kb/private.md", "outside.md"}) {
    kbtest::write_file(repo.path() / note, "# note\n");
  }
  git(repo.path(), "init -q", scratch.path());
  kbtest::write_file(repo.path() / ".git/info/exclude", "private.md\n");
  const std::set<std::string> expected = notes_git_lists(repo.path() / "kb", scratch.path());
  CHECK(expected == std::set<std::string>{"keep.tmp.md", "a.md", "sub/dropped/d.md",
                                          "sub/top-only.md"});
  CHECK(notes_crawled(repo.path() / "kb") == expected);
}
