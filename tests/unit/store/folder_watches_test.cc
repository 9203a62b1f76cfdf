// Tests for store/folder_watches.h: which events say what changed, and how
// folders that cannot be watched are reported.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/folder_watches.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The watches of `root`'s folders `folders`; they must all be watched.
kb::FolderWatches watching(const fs::path& root, const std::vector<std::string>& folders) {
  kb::Result<kb::FolderWatches> watches = kb::FolderWatches::open(root);
  REQUIRE(watches.has_value());
  REQUIRE(watches->watch_exactly(folders).count == 0);
  return std::move(*watches);
}

// What the events queued now say (they are queued by the time the call
// that made them returns).
kb::FolderChanges changes(kb::FolderWatches& watches) {
  kb::Result<kb::FolderChanges> got = watches.wait(0ms);
  REQUIRE(got.has_value());
  return *got;
}

}  // namespace

TEST_CASE("a note written, renamed or deleted is a change of notes", "[folder_watches]") {
  const kbtest::TempDir kb;
  kbtest::write_file(kb.path() / "sub/old.md", "x\n");
  kb::FolderWatches watches = watching(kb.path(), {"", "sub"});

  kbtest::write_file(kb.path() / "sub/new.md", "x\n");
  kb::FolderChanges written = changes(watches);
  CHECK(written.notes);
  CHECK_FALSE(written.folders);

  fs::rename(kb.path() / "sub/old.md", kb.path() / "sub/old.txt");
  CHECK(changes(watches).notes);
  fs::remove(kb.path() / "sub/new.md");
  CHECK(changes(watches).notes);
  CHECK_FALSE(changes(watches).any());  // all read
}

TEST_CASE("hidden files, files that are not notes and unwatched folders change nothing",
          "[folder_watches]") {
  const kbtest::TempDir kb;
  fs::create_directories(kb.path() / ".obsidian");
  fs::create_directories(kb.path() / "unwatched");
  kb::FolderWatches watches = watching(kb.path(), {""});
  kbtest::write_file(kb.path() / ".note.md.swp", "x");
  kbtest::write_file(kb.path() / "picture.png", "x");
  kbtest::write_file(kb.path() / ".obsidian/workspace.md", "x");
  kbtest::write_file(kb.path() / "unwatched/note.md", "x");
  fs::create_directories(kb.path() / ".hidden-folder");
  CHECK_FALSE(changes(watches).any());
}

TEST_CASE("a link-dialect marker made or removed is a change, though no note changed",
          "[folder_watches]") {
  // kb::watch() then runs Index::update(), which keeps the new markers.
  const kbtest::TempDir kb;
  kb::FolderWatches watches = watching(kb.path(), {""});
  fs::create_directories(kb.path() / ".obsidian");
  CHECK(changes(watches).notes);
  fs::remove(kb.path() / ".obsidian");
  CHECK(changes(watches).notes);
  kbtest::write_file(kb.path() / "_config.yml", "title: x\n");
  CHECK(changes(watches).notes);
  kbtest::write_file(kb.path() / "index.html", "<html></html>\n");
  CHECK(changes(watches).notes);
  // A file called .obsidian, or another hidden folder, is none.
  kbtest::write_file(kb.path() / ".obsidian", "x");
  fs::create_directories(kb.path() / ".trash");
  CHECK_FALSE(changes(watches).notes);
}

TEST_CASE("a folder made, moved or deleted is a change of folders", "[folder_watches]") {
  const kbtest::TempDir kb;
  fs::create_directories(kb.path() / "a");
  kb::FolderWatches watches = watching(kb.path(), {"", "a"});
  fs::create_directories(kb.path() / "b");
  CHECK(changes(watches).folders);
  fs::rename(kb.path() / "a", kb.path() / "b/a");
  CHECK(changes(watches).folders);
  fs::remove(kb.path() / "b/a");
  CHECK(changes(watches).folders);
}

TEST_CASE("the root deleted is told apart from a folder below it", "[folder_watches]") {
  const kbtest::TempDir parent;
  const fs::path root = parent.path() / "kb";
  fs::create_directories(root / "sub");
  kb::FolderWatches watches = watching(root, {"", "sub"});
  fs::remove(root / "sub");
  CHECK_FALSE(changes(watches).root_gone);
  fs::remove(root);
  CHECK(changes(watches).root_gone);
}

TEST_CASE("a folder that cannot be watched is counted and named, and the rest is watched",
          "[folder_watches]") {
  const kbtest::TempDir kb;
  fs::create_directories(kb.path() / "here");
  kb::Result<kb::FolderWatches> watches = kb::FolderWatches::open(kb.path());
  REQUIRE(watches.has_value());
  const kb::Unwatched unwatched = watches->watch_exactly({"", "gone", "here"});
  CHECK(unwatched.count == 1);
  CHECK(unwatched.why.code() == kb::Code::kIOError);
  CHECK(unwatched.why.message().find("cannot watch 1 of 3 folders (gone first)") == 0);
  kbtest::write_file(kb.path() / "here/note.md", "x\n");
  CHECK(changes(*watches).notes);
}

TEST_CASE("a folder no longer listed is no longer watched", "[folder_watches]") {
  const kbtest::TempDir kb;
  fs::create_directories(kb.path() / "dropped");
  kb::FolderWatches watches = watching(kb.path(), {"", "dropped"});
  REQUIRE(watches.watch_exactly({""}).count == 0);
  kbtest::write_file(kb.path() / "dropped/note.md", "x\n");
  CHECK_FALSE(changes(watches).any());
}

TEST_CASE("more events than the kernel queues is an overflow", "[folder_watches]") {
  std::ifstream limit_file("/proc/sys/fs/inotify/max_queued_events");
  long limit = 0;
  REQUIRE(limit_file >> limit);
  if (limit > 100000) {
    WARN("max_queued_events is " << limit << ": too many files to make");
    return;
  }
  const kbtest::TempDir kb;
  kb::FolderWatches watches = watching(kb.path(), {""});
  // Each new note queues two events: IN_CREATE and IN_CLOSE_WRITE.
  long made = 0;
  for (long i = 0; i < limit / 2 + 100; ++i) {
    const int fd = ::open((kb.path() / ("n" + std::to_string(i) + ".md")).c_str(),
                          O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd >= 0 && ::close(fd) == 0) ++made;
  }
  REQUIRE(made == limit / 2 + 100);
  // Reads are bounded per call; the overflow event comes last.
  bool overflow = false;
  for (int i = 0; i < 100 && !overflow; ++i) overflow = changes(watches).overflow;
  CHECK(overflow);
}
