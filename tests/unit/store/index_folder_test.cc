// Tests for store/index_folder.h: the writers' lock, the stub and its
// generations, and what a killed writer leaves behind.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>

#include "kb/index.h"
#include "kb/link_graph.h"
#include "kb/searcher.h"
#include "store/index_folder.h"
#include "index_files.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace {

// The names in the index folder of `root`.
std::set<std::string> index_entries(const fs::path& root) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(kb::index_dir(root))) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

void build(const fs::path& root, kb::IndexOptions options = kbtest::fast_index_options()) {
  auto index = kb::Index::open(root, options);
  REQUIRE(index.has_value());
  REQUIRE(index->update().has_value());
}

std::size_t hits(const kb::Searcher& searcher, const std::string& query) {
  auto results = searcher.search(query);
  REQUIRE(results.has_value());
  return results->hits.size();
}

}  // namespace

TEST_CASE("A full build leaves the stub and one generation, its compacted copy", "[index_folder]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  build(tmp.path());
  auto generation = kb::current_generation(tmp.path());
  REQUIRE(generation.has_value());
  // The build's own generation was replaced by its compacted copy.
  CHECK(*generation == "xapian-2");
  CHECK(index_entries(tmp.path()) == std::set<std::string>{"database", "lock", "xapian-2"});
  // A later update writes into it, without a new generation.
  kbtest::write_file(tmp.path() / "b.md", "bravo\n");
  build(tmp.path());
  CHECK(*kb::current_generation(tmp.path()) == "xapian-2");
  auto searcher = kb::Searcher::open(tmp.path());
  REQUIRE(searcher.has_value());
  CHECK(hits(*searcher, "bravo") == 1);
}

TEST_CASE("A writer clears what a killed writer left: unused generations, the old layout",
          "[index_folder]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  build(tmp.path());
  const std::string current = *kb::current_generation(tmp.path());
  // A half-made compaction, a stub never renamed, a schema-15 database.
  kbtest::write_file(kb::index_dir(tmp.path()) / "xapian-7" / "postlist.glass", "partial");
  kbtest::write_file(kb::index_dir(tmp.path()) / "database.new", "glass xapian-7\n");
  kbtest::write_file(kb::legacy_database_dir(tmp.path()) / "iamglass", "old");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    CHECK(index->start() == kb::IndexStart::kIncremental);
  }
  const std::set<std::string> left = index_entries(tmp.path());
  CHECK(left.count(current) == 1);
  CHECK(left.count("xapian-7") == 0);
  CHECK(left.count("xapian") == 0);
  auto searcher = kb::Searcher::open(tmp.path());
  REQUIRE(searcher.has_value());
  CHECK(hits(*searcher, "alpha") == 1);
}

TEST_CASE("An index of the old layout (schema 15) is built anew, and said to be", "[index_folder]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  kbtest::write_file(kb::legacy_database_dir(tmp.path()) / "iamglass", "schema 15");
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(index.has_value());
  CHECK(index->start() == kb::IndexStart::kOtherSchema);
  CHECK(index->update()->added == 1);
  CHECK_FALSE(fs::exists(kb::legacy_database_dir(tmp.path())));
}

TEST_CASE("A long-lived reader moves to the new generation at its next query",
          "[index_folder]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  build(tmp.path());
  auto searcher = kb::Searcher::open(tmp.path());
  REQUIRE(searcher.has_value());
  auto graph = kb::LinkGraph::open(tmp.path());
  REQUIRE(graph.has_value());
  REQUIRE(hits(*searcher, "alpha") == 1);
  fs::remove(tmp.path() / "a.md");
  kbtest::write_file(tmp.path() / "b.md", "bravo #newtag\n");
  kb::IndexOptions rebuild = kbtest::fast_index_options();
  rebuild.rebuild = true;
  {
    auto index = kb::Index::open(tmp.path(), rebuild);
    REQUIRE(index.has_value());
    CHECK(index->start() == kb::IndexStart::kRebuild);
    REQUIRE(index->update().has_value());
  }
  // The rebuild's generation (compacted into the next one) replaced the
  // one both opened, which is deleted: they follow the stub, not stay.
  CHECK(hits(*searcher, "alpha") == 0);
  CHECK(hits(*searcher, "bravo") == 1);
  auto tags = graph->tags();
  REQUIRE(tags.has_value());
  REQUIRE(tags->size() == 1);
  CHECK(tags->front().name == "newtag");
}

TEST_CASE("A stub kbsearch did not write is kCorruption, and not followed", "[index_folder]") {
  kbtest::TempDir tmp;
  fs::create_directories(kb::index_dir(tmp.path()));
  for (const char* content : {"", "glass /etc\n", "glass ../../x\n", "auto xapian-1\n",
                              "glass xapian-1", "glass xapian-x\n"}) {
    CAPTURE(content);
    kbtest::write_file(kb::database_path(tmp.path()), content);
    auto generation = kb::current_generation(tmp.path());
    REQUIRE_FALSE(generation.has_value());
    CHECK(generation.error().code() == kb::Code::kCorruption);
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE_FALSE(index.has_value());
    CHECK(index.error().code() == kb::Code::kCorruption);
  }
}

TEST_CASE("The writers' lock is held once, named, and let go when its process dies",
          "[index_folder]") {
  kbtest::TempDir tmp;
  fs::create_directories(kb::index_dir(tmp.path()));
  {
    auto first = kb::WriterLock::acquire(tmp.path(), std::chrono::milliseconds(0));
    REQUIRE(first.has_value());
    auto second = kb::WriterLock::acquire(tmp.path(), std::chrono::milliseconds(100));
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error().code() == kb::Code::kLocked);
    CHECK(second.error().message().find("pid " + std::to_string(::getpid())) != std::string::npos);
  }
  CHECK(kb::WriterLock::acquire(tmp.path(), std::chrono::milliseconds(0)).has_value());

  // A child takes the lock and dies without letting go (as SIGKILL would
  // leave it): the lock is free at once, and no one is named as holder.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto held = kb::WriterLock::acquire(tmp.path(), std::chrono::milliseconds(0));
    ::_exit(held.has_value() ? 0 : 1);  // no destructor runs
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(kb::WriterLock::acquire(tmp.path(), std::chrono::milliseconds(0)).has_value());
}
