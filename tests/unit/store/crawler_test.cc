// Tests for crawl and is_note_file_name (kb/crawler.h).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "kb/crawler.h"
#include "mem_env.h"
#include "recording_env.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> paths_of(const std::vector<kb::NoteFile>& files) {
  std::vector<std::string> paths;
  for (const kb::NoteFile& f : files) paths.push_back(f.path);
  return paths;
}

// Crawls `root` and returns the note paths; the crawl must succeed.
std::vector<std::string> crawl_paths(const fs::path& root,
                                     std::vector<kb::Diagnostic>& problems) {
  kb::Result<kb::CrawlResult> files = kb::crawl(root, problems);
  REQUIRE(files.has_value());
  return paths_of(files->notes);
}

// Crawls the knowledge base held by `files` and returns the note paths;
// the crawl must succeed.
std::vector<std::string> crawl_paths(const kbtest::MemEnv& files,
                                     std::vector<kb::Diagnostic>& problems,
                                     const kb::CrawlOptions& options = {}) {
  kb::Result<kb::CrawlResult> found = kb::crawl(files.root(), problems, files, options);
  REQUIRE(found.has_value());
  return paths_of(found->notes);
}

kb::CrawlOptions excluding(std::vector<std::string> patterns) {
  kb::CrawlOptions options;
  options.exclude = std::move(patterns);
  return options;
}

bool has_problem_about(const std::vector<kb::Diagnostic>& problems,
                       const std::string& path) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const kb::Diagnostic& d) { return d.path == path; });
}

}  // namespace

TEST_CASE("is_note_file_name accepts .md and .markdown in any case",
          "[crawler]") {
  struct Row {
    const char* name;
    bool expected;
  };
  const Row rows[] = {
      {"note.md", true},          {"NOTE.MD", true},
      {"Note.Md", true},          {"old-style.markdown", true},
      {"README.MARKDOWN", true},  {"注意力机制笔记.md", true},
      {"v2.1.0.md", true},        {"not-a-note.txt", false},
      {"note.mdx", false},        {"note.md.bak", false},
      {"note.mkd", false},        {"md", false},
      {"notemd", false},          {".md", false},
      {".hidden.md", false},      {"", false},
  };
  for (const Row& row : rows) {
    INFO("\"" << row.name << "\"");
    CHECK(kb::is_note_file_name(row.name) == row.expected);
  }
}

TEST_CASE("crawl finds notes by extension and skips other files", "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "a.md", "# a\n");
  kbtest::write_file(root / "b.markdown", "# b\n");
  kbtest::write_file(root / "C.MD", "# C\n");
  kbtest::write_file(root / "sub/deeper/d.md", "# d\n");
  kbtest::write_file(root / "notes.txt", "not a note\n");
  kbtest::write_file(root / "e.md.bak", "backup\n");
  kbtest::write_file(root / "folder.md/inner.md", "# inner\n");

  std::vector<kb::Diagnostic> problems;
  const std::vector<std::string> paths = crawl_paths(root, problems);
  CHECK(paths == std::vector<std::string>{"C.MD", "a.md", "b.markdown",
                                          "folder.md/inner.md",
                                          "sub/deeper/d.md"});
  CHECK(problems.empty());
}

TEST_CASE("crawl skips hidden files and folders and the index folder",
          "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "visible.md", "# v\n");
  kbtest::write_file(root / ".hidden.md", "# h\n");
  kbtest::write_file(root / ".obsidian/workspace.md", "# w\n");
  kbtest::write_file(root / "sub/.git/HEAD.md", "# g\n");
  kbtest::write_file(root / ".kbsearch/notes.md", "# index\n");

  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(root, problems) == std::vector<std::string>{"visible.md"});
  CHECK(problems.empty());
}

TEST_CASE("crawl lists every folder it walked once, by its real path, without hidden ones",
          "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "a/b/note.md", "# n\n");
  fs::create_directories(root / "empty");
  fs::create_directories(root / ".obsidian/plugins");
  fs::create_directories(root / ".kbsearch");
  fs::create_directory_symlink("a", root / "link-to-a");

  std::vector<kb::Diagnostic> problems;
  kb::Result<kb::CrawlResult> files = kb::crawl(root, problems);
  REQUIRE(files.has_value());
  std::vector<std::string> folders = files->folders;
  std::sort(folders.begin(), folders.end());
  CHECK(folders == std::vector<std::string>{"", "a", "a/b", "empty"});
}

TEST_CASE("crawl returns notes sorted by path", "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  for (const char* name :
       {"b/z.md", "a.md", "b/a.md", "B.md", "a/b.md", "日记/x.md", "a-b.md"}) {
    kbtest::write_file(root / name, "x\n");
  }
  std::vector<kb::Diagnostic> problems;
  const std::vector<std::string> paths = crawl_paths(root, problems);
  CHECK(std::is_sorted(paths.begin(), paths.end()));
  CHECK(paths == std::vector<std::string>{"B.md", "a-b.md", "a.md", "a/b.md",
                                          "b/a.md", "b/z.md", "日记/x.md"});
}

TEST_CASE("crawl reports each note's size and modification time",
          "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path file = kb.path() / "timed.md";
  kbtest::write_file(file, "# note\n");
  const struct timespec times[2] = {{1700000000, 123456789},
                                    {1700000000, 123456789}};
  REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);

  std::vector<kb::Diagnostic> problems;
  const kb::Result<kb::CrawlResult> files =
      kb::crawl(kb.path(), problems);
  REQUIRE(files.has_value());
  REQUIRE(files->notes.size() == 1);
  CHECK(files->notes[0].size == 7);
  CHECK(files->notes[0].mtime_ns == 1700000000123456789LL);
}

TEST_CASE("crawl ends on a folder link loop and visits each folder once",
          "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "top.md", "# top\n");
  kbtest::write_file(root / "a/inner.md", "# inner\n");
  fs::create_directory_symlink("..", root / "a/loop");
  fs::create_directory_symlink("../a", root / "a/self");

  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(root, problems) ==
        std::vector<std::string>{"a/inner.md", "top.md"});
}

TEST_CASE("crawl follows links that stay inside the root", "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "real/note.md", "# note\n");
  fs::create_symlink("real/note.md", root / "alias.md");

  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(root, problems) == std::vector<std::string>{"real/note.md"});
  CHECK(problems.empty());
}

TEST_CASE("crawl skips links that lead outside the root, with a diagnostic",
          "[crawler]") {
  const kbtest::TempDir outside;
  kbtest::write_file(outside.path() / "elsewhere.md", "# outside\n");
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "inside.md", "# inside\n");
  fs::create_directory_symlink(outside.path(), root / "ext");
  fs::create_symlink(outside.path() / "elsewhere.md", root / "ext-note.md");

  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(root, problems) == std::vector<std::string>{"inside.md"});
  CHECK(has_problem_about(problems, "ext"));
  CHECK(has_problem_about(problems, "ext-note.md"));
  for (const kb::Diagnostic& d : problems) CHECK(d.line == 0);
}

TEST_CASE("crawl reports a broken link and goes on", "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "ok.md", "# ok\n");
  fs::create_symlink("nowhere.md", root / "dangling.md");

  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(root, problems) == std::vector<std::string>{"ok.md"});
  CHECK(has_problem_about(problems, "dangling.md"));
}

// The unreadable folder is a MemEnv's: chmod 000 stops no read of a test
// running as root, as CI does.
TEST_CASE("crawl reports an unreadable folder and goes on", "[crawler]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  files.write("open/readable.md", "# r\n");
  files.write("locked/hidden-by-perms.md", "# l\n");
  files.fail_reads("locked", EACCES);

  std::vector<kb::Diagnostic> problems;
  auto notes = kb::crawl(kb.path(), problems, files);
  REQUIRE(notes.has_value());
  REQUIRE(notes->notes.size() == 1);
  CHECK(notes->notes.front().path == "open/readable.md");
  CHECK(has_problem_about(problems, "locked"));
  CHECK(notes->unreadable == std::vector<std::string>{"locked"});
}

TEST_CASE("crawl follows symbolic links only inside the root, through the Env", "[crawler]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  files.write("notes/a.md", "# a\n");
  files.symlink("same", "notes");            // a second way to the folder
  files.symlink("alias.md", "notes/a.md");   // a second name for the note
  files.symlink("out", "../../elsewhere");   // leaves the root
  files.symlink("gone.md", "missing.md");    // dangling
  files.symlink("loop", "loop");             // itself
  std::vector<kb::Diagnostic> problems;
  auto notes = kb::crawl(kb.path(), problems, files);
  REQUIRE(notes.has_value());
  std::vector<std::string> paths;
  for (const kb::NoteFile& note : notes->notes) paths.push_back(note.path);
  // A link stands for what it points to: the note is listed once, by its
  // real path, whatever the links to it and its folder are called.
  CHECK(paths == std::vector<std::string>{"notes/a.md"});
  CHECK(notes->unreadable.empty());
  CHECK(has_problem_about(problems, "out"));
  CHECK(has_problem_about(problems, "gone.md"));
  CHECK(has_problem_about(problems, "loop"));
}

TEST_CASE("crawl of an empty folder finds nothing", "[crawler]") {
  const kbtest::TempDir kb;
  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(kb.path(), problems).empty());
  CHECK(problems.empty());
}

TEST_CASE("crawl rejects a missing root and a root that is a file",
          "[crawler]") {
  const kbtest::TempDir kb;
  std::vector<kb::Diagnostic> problems;

  SECTION("missing root") {
    const fs::path missing = kb.path() / "does-not-exist";
    const kb::Result<kb::CrawlResult> files =
        kb::crawl(missing, problems);
    REQUIRE_FALSE(files.has_value());
    CHECK(files.error().code() == kb::Code::kNotFound);
    CHECK(files.error().subject() == missing.string());
  }
  SECTION("root is a file") {
    const fs::path file = kb.path() / "note.md";
    kbtest::write_file(file, "# note\n");
    const kb::Result<kb::CrawlResult> files =
        kb::crawl(file, problems);
    REQUIRE_FALSE(files.has_value());
    CHECK(files.error().code() == kb::Code::kInvalidArgument);
    CHECK(files.error().subject() == file.string());
  }
}

TEST_CASE("crawl of fixtures/kb finds exactly its notes",
          "[crawler][fixtures]") {
  const fs::path root = fs::path(KB_FIXTURES_DIR) / "kb";

  // The notes, counted independently: .md/.markdown files outside hidden
  // folders.
  std::set<std::string> expected;
  for (auto it = fs::recursive_directory_iterator(root);
       it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    const std::string ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".md" || ext == ".markdown")) {
      expected.insert(it->path().lexically_relative(root).generic_string());
    }
  }

  std::vector<kb::Diagnostic> problems;
  const std::vector<std::string> paths = crawl_paths(root, problems);
  CHECK(problems.empty());
  CHECK(std::is_sorted(paths.begin(), paths.end()));
  CHECK(std::set<std::string>(paths.begin(), paths.end()) == expected);
  CHECK(paths.size() == expected.size());
  // fixtures/README.md: "There are 41 notes".
  CHECK(paths.size() == 41);
  for (const char* skipped : {"Obsidian库/.obsidian/workspace.md", ".hidden/secret.md",
                              "assets/not-a-note.txt", "hexo-blog/_config.yml"}) {
    CHECK(std::find(paths.begin(), paths.end(), skipped) == paths.end());
  }
  CHECK(std::find(paths.begin(), paths.end(), "English/old-style.markdown") !=
        paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "edge/empty.md") != paths.end());
}

TEST_CASE("crawl of fixtures/kb finds its vault and its site, and the root is neither",
          "[crawler][fixtures]") {
  std::vector<kb::Diagnostic> problems;
  kb::Result<kb::CrawlResult> files = kb::crawl(fs::path(KB_FIXTURES_DIR) / "kb", problems);
  REQUIRE(files.has_value());
  CHECK(files->markers ==
        std::vector<kb::DialectMarker>{{"Obsidian库", kb::LinkDialect::kObsidian},
                                       {"hexo-blog", kb::LinkDialect::kSite}});
}

TEST_CASE("crawl honours nested .gitignore files, negations and folder patterns",
          "[crawler][ignore]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / ".gitignore", "*.md\n!keep.md\ndrafts/\n**/tmp\n");
  kbtest::write_file(root / "work/.gitignore", "!*.md\nold.md\n");
  for (const char* note : {"gone.md", "keep.md", "drafts/keep.md", "a/tmp/keep.md",
                           "a/keep.md", "a/gone.md", "work/w.md", "work/old.md",
                           "work/deep/w2.md"}) {
    kbtest::write_file(root / note, "# note\n");
  }
  std::vector<kb::Diagnostic> problems;
  // A negation cannot bring back a note of an ignored folder; the nested
  // file decides over the root's for its folder.
  CHECK(crawl_paths(root, problems) ==
        std::vector<std::string>{"a/keep.md", "keep.md", "work/deep/w2.md", "work/w.md"});
  CHECK(problems.empty());
}

TEST_CASE("crawl skips the default folders unless an ignore file brings one back",
          "[crawler][ignore]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  for (const char* note : {"n.md", "node_modules/pkg/README.md", "blog/_site/index.md",
                           "public/p.md", "site/public/p.md", ".obsidian/w.md"}) {
    files.write(note, "# note\n");
  }
  std::vector<kb::Diagnostic> problems;
  SECTION("by default") {
    CHECK(crawl_paths(files, problems) == std::vector<std::string>{"n.md"});
  }
  SECTION("a .kbignore negation") {
    files.write("site/.kbignore", "!public/\n");
    CHECK(crawl_paths(files, problems) == std::vector<std::string>{"n.md", "site/public/p.md"});
  }
  SECTION("an exclude negation") {
    CHECK(crawl_paths(files, problems, excluding({"!node_modules/"})) ==
          std::vector<std::string>{"n.md", "node_modules/pkg/README.md"});
  }
  CHECK(problems.empty());
}

TEST_CASE("crawl skips what the exclude patterns match, from the root", "[crawler][ignore]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  for (const char* note :
       {"a.md", "x.draft.md", "sub/y.draft.md", "inbox/i.md", "sub/inbox/i.md"}) {
    files.write(note, "# note\n");
  }
  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(files, problems, excluding({"*.draft.md", "/inbox/"})) ==
        std::vector<std::string>{"a.md", "sub/inbox/i.md"});
}

TEST_CASE("crawl reports an ignore file it cannot use and goes on without its rules",
          "[crawler][ignore]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  files.write("a/.gitignore", "*.md\n");
  files.write("a/x.md", "# x\n");
  files.write("b/real-ignore", "*.md\n");
  files.symlink("b/.kbignore", "real-ignore");
  files.write("b/y.md", "# y\n");
  files.write("c/.gitignore", "*.md\n");  // readable: applied
  files.write("c/z.md", "# z\n");
  files.fail_reads("a/.gitignore", EACCES);
  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(files, problems) == std::vector<std::string>{"a/x.md", "b/y.md"});
  CHECK(has_problem_about(problems, "a/.gitignore"));
  CHECK(has_problem_about(problems, "b/.kbignore"));  // a link: git does not follow it
}

TEST_CASE("crawl applies the rules to a linked note's real path", "[crawler][ignore]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  files.write(".gitignore", "private/\n");
  files.write("private/p.md", "# p\n");
  files.write("open/o.md", "# o\n");
  files.symlink("a-link", "private");       // reached before private/ itself
  files.symlink("o-link.md", "open/o.md");  // an unignored name for it
  std::vector<kb::Diagnostic> problems;
  CHECK(crawl_paths(files, problems) == std::vector<std::string>{"open/o.md"});
}

TEST_CASE("crawl finds the dialect markers: .obsidian/ for a vault, _config.yml or index.html for a site",
          "[crawler]") {
  const kbtest::TempDir kb;
  const fs::path& root = kb.path();
  kbtest::write_file(root / "root.md", "# r\n");
  fs::create_directories(root / "Vault/.obsidian");
  kbtest::write_file(root / "Vault/Projects/a.md", "# a\n");
  kbtest::write_file(root / "blog/_config.yml", "title: blog\n");
  kbtest::write_file(root / "blog/source/_posts/2023-05-06-title.md", "# t\n");
  kbtest::write_file(root / "docs/index.html", "<script>window.$docsify = {}</script>\n");
  kbtest::write_file(root / "docs/guide.md", "# g\n");
  // Not markers: a file named .obsidian, a folder named _config.yml, and
  // markers inside a hidden folder, which is not walked.
  kbtest::write_file(root / "plain/.obsidian", "not a folder\n");
  fs::create_directories(root / "plain/_config.yml");
  fs::create_directories(root / ".trash/old/.obsidian");
  // A vault that is also a site is a vault: its notes are written in Obsidian.
  fs::create_directories(root / "both/.obsidian");
  kbtest::write_file(root / "both/_config.yml", "title: both\n");

  std::vector<kb::Diagnostic> problems;
  kb::Result<kb::CrawlResult> files = kb::crawl(root, problems);
  REQUIRE(files.has_value());
  using D = kb::LinkDialect;
  CHECK(files->markers == std::vector<kb::DialectMarker>{{"Vault", D::kObsidian},
                                                          {"blog", D::kSite},
                                                          {"both", D::kObsidian},
                                                          {"docs", D::kSite}});
  // The markers do not change which notes are found.
  CHECK(paths_of(files->notes) == std::vector<std::string>{"Vault/Projects/a.md",
                                                           "blog/source/_posts/2023-05-06-title.md",
                                                           "docs/guide.md", "root.md"});
}

namespace {

kb::CrawlOptions scoped_to(std::vector<std::string> scope) {
  kb::CrawlOptions options;
  options.scope = std::move(scope);
  return options;
}

// A knowledge base with a note of each kind a scope entry can name: notes
// at the root and in folders, what ignore files in the folders on the way
// leave out, a hidden note, a file that is no note, and links.
void write_scoped_kb(kbtest::MemEnv& files) {
  files.write(".gitignore", "drafts/\n");
  files.write("a.md", "# a\n");
  files.write("sub/.kbignore", "*.tmp.md\n");
  files.write("sub/c.md", "# c\n");
  files.write("sub/e.tmp.md", "# e\n");
  files.write("sub/notes.txt", "not a note\n");
  files.write("sub/deep/d.md", "# d\n");
  files.write("sub-2/f.md", "# f\n");
  files.write("drafts/x.md", "# x\n");
  files.write(".hidden/h.md", "# h\n");
  files.symlink("link.md", "sub/c.md");
  files.symlink("lnk", "sub");
  files.symlink("out.md", "../../elsewhere.md");
}

}  // namespace

TEST_CASE("crawl with a scope lists the notes at or below its paths, by the same rules",
          "[crawler][scope]") {
  struct Row {
    std::vector<std::string> scope;
    std::vector<std::string> notes;
    std::vector<std::string> covered;
    const char* reported;  // the entry a problem names, or nullptr for none
  };
  const std::vector<std::string> everything = {"a.md", "sub-2/f.md", "sub/c.md", "sub/deep/d.md"};
  const Row rows[] = {
      {{"a.md"}, {"a.md"}, {"a.md"}, nullptr},
      // The folder, not sub-2/ beside it whose name it starts.
      {{"sub"}, {"sub/c.md", "sub/deep/d.md"}, {"sub"}, nullptr},
      {{"sub/"}, {"sub/c.md", "sub/deep/d.md"}, {"sub"}, nullptr},
      {{"sub/deep/d.md", "sub", "a.md"},
       {"a.md", "sub/c.md", "sub/deep/d.md"},
       {"a.md", "sub"},
       nullptr},
      {{"sub/deep"}, {"sub/deep/d.md"}, {"sub/deep"}, nullptr},
      // A link stands for its target, as in a whole crawl.
      {{"link.md"}, {"sub/c.md"}, {"link.md", "sub/c.md"}, nullptr},
      {{"lnk/c.md"}, {"sub/c.md"}, {"lnk/c.md", "sub/c.md"}, nullptr},
      // Gone from disk: covered, so that what was indexed there goes; through
      // a link, under the path it leads to.
      {{"gone.md"}, {}, {"gone.md"}, nullptr},
      {{"sub/gone/"}, {}, {"sub/gone"}, nullptr},
      {{"lnk/gone.md"}, {}, {"lnk/gone.md", "sub/gone.md"}, nullptr},
      // Ignored by a rule of a folder on the way down, by a folder above
      // it that is ignored, hidden, not a note, leading outside the root:
      // covered too, so that a note indexed there before goes.
      {{"sub/e.tmp.md"}, {}, {"sub/e.tmp.md"}, "sub/e.tmp.md"},
      {{"drafts/x.md"}, {}, {"drafts/x.md"}, "drafts/x.md"},
      {{"drafts"}, {}, {"drafts"}, "drafts"},
      {{".hidden/h.md"}, {}, {".hidden/h.md"}, ".hidden/h.md"},
      {{"sub/notes.txt"}, {}, {"sub/notes.txt"}, "sub/notes.txt"},
      {{"out.md"}, {}, {"out.md"}, "out.md"},
      // Everything, with the link that leads outside reported on the way.
      {{""}, everything, {""}, "out.md"},
      {{}, everything, {""}, "out.md"},
  };
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  write_scoped_kb(files);
  for (const Row& row : rows) {
    std::string scope;
    for (const std::string& entry : row.scope) scope += "\"" + entry + "\" ";
    INFO("scope " << scope);
    std::vector<kb::Diagnostic> problems;
    kb::Result<kb::CrawlResult> found =
        kb::crawl(files.root(), problems, files, scoped_to(row.scope));
    REQUIRE(found.has_value());
    CHECK(paths_of(found->notes) == row.notes);
    CHECK(found->covered == row.covered);
    if (row.reported == nullptr) {
      CHECK(problems.empty());
    } else {
      REQUIRE(problems.size() == 1);
      CHECK(problems.front().path == row.reported);
    }
  }
}

TEST_CASE("crawl with a scope looks at nothing else but the folders on the way down",
          "[crawler][scope]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv memory(kb.path());
  write_scoped_kb(memory);
  kbtest::RecordingEnv files(memory, memory.root());
  std::vector<kb::Diagnostic> problems;
  kb::Result<kb::CrawlResult> found =
      kb::crawl(memory.root(), problems, files, scoped_to({"sub/deep/d.md"}));
  REQUIRE(found.has_value());
  CHECK(paths_of(found->notes) == std::vector<std::string>{"sub/deep/d.md"});
  // The note and its folders, and the ignore files that may be in them:
  // no folder is listed, no note beside them stat'ed.
  CHECK(files.listed().empty());
  CHECK(files.stated() == std::set<std::string>{"", "sub", "sub/deep", "sub/deep/d.md",
                                                ".gitignore", ".kbignore", "sub/.gitignore",
                                                "sub/.kbignore", "sub/deep/.gitignore",
                                                "sub/deep/.kbignore"});
  CHECK(files.read() == std::set<std::string>{".gitignore", "sub/.kbignore"});
  CHECK(found->folders.empty());
}

TEST_CASE("crawl with a scope walks a folder of it whole", "[crawler][scope]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv memory(kb.path());
  write_scoped_kb(memory);
  kbtest::RecordingEnv files(memory, memory.root());
  std::vector<kb::Diagnostic> problems;
  kb::Result<kb::CrawlResult> found = kb::crawl(memory.root(), problems, files, scoped_to({"sub"}));
  REQUIRE(found.has_value());
  CHECK(files.listed() == std::set<std::string>{"sub", "sub/deep"});
  CHECK(found->folders == std::vector<std::string>{"sub", "sub/deep"});
  for (const std::string& path : files.stated()) {
    INFO(path);
    CHECK((path.empty() || path == ".gitignore" || path == ".kbignore" || path == "sub" ||
           path.rfind("sub/", 0) == 0));
  }
}

TEST_CASE("crawl rejects a scope entry that is not a path relative to the root",
          "[crawler][scope]") {
  const kbtest::TempDir kb;
  kbtest::MemEnv files(kb.path());
  write_scoped_kb(files);
  for (const std::string entry :
       {"/a.md", "/", "../a.md", "sub/../a.md", "sub/..", "./a.md", "sub//c.md", "sub/."}) {
    INFO(entry);
    std::vector<kb::Diagnostic> problems;
    kb::Result<kb::CrawlResult> found =
        kb::crawl(files.root(), problems, files, scoped_to({"a.md", entry}));
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error().code() == kb::Code::kInvalidArgument);
    CHECK(found.error().subject() == entry);
  }
}
