// Tests for kb/index.h (index.cc): creating, updating and locking the index.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <xapian.h>

#include "kb/index.h"
#include "store/index_schema.h"
#include "store/link_dialects.h"
#include "kb/searcher.h"
#include "store/term_prefixes.h"
#include "index_files.h"
#include "mem_env.h"
#include "recording_env.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace {


// "scanned/added/updated/removed/unchanged/failed".
std::string counts(const kb::IndexReport& r) {
  return std::to_string(r.scanned) + "/" + std::to_string(r.added) + "/" +
         std::to_string(r.updated) + "/" + std::to_string(r.removed) + "/" +
         std::to_string(r.unchanged) + "/" + std::to_string(r.failed);
}

// Moves the file's modification time `seconds` forward.
void touch_forward(const fs::path& p, int seconds = 10) {
  fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(seconds));
}

// Paths of the notes a fresh Searcher finds for `query`.
std::set<std::string> found(const fs::path& root, const std::string& query) {
  auto searcher = kb::Searcher::open(root);
  REQUIRE(searcher.has_value());
  kb::SearchOptions options;
  options.limit = 1000;
  auto results = searcher->search(query, options);
  REQUIRE(results.has_value());
  std::set<std::string> paths;
  for (const kb::Hit& hit : results->hits) paths.insert(hit.path);
  return paths;
}

kb::Note simple_note(const std::string& path, const std::string& text) {
  kb::Note note;
  note.path = path;
  note.title = path;
  kb::Block b;
  b.text = text;
  b.first_line = 1;
  b.last_line = 1;
  note.blocks.push_back(b);
  return note;
}

// Bytes that read_note() must refuse as binary: mostly NULs.
std::string binary_bytes() {
  std::string bytes = "zebra";
  bytes += std::string(200, '\0');
  bytes += "\x01\x02\x03 binary";
  return bytes;
}

}  // namespace

TEST_CASE("index_dir is .kbsearch under the root", "[index]") {
  CHECK(kb::index_dir("/some/kb") == fs::path("/some/kb/.kbsearch"));
}

TEST_CASE("Index::open creates .kbsearch and an empty index", "[index]") {
  kbtest::TempDir tmp;
  REQUIRE_FALSE(fs::exists(tmp.path() / ".kbsearch"));
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(index.has_value());
  CHECK(fs::is_directory(tmp.path() / ".kbsearch"));
  auto count = index->note_count();
  REQUIRE(count.has_value());
  CHECK(*count == 0);
}

TEST_CASE("Index::open of a missing folder or a file is kNotFound", "[index]") {
  kbtest::TempDir tmp;
  auto missing = kb::Index::open(tmp.path() / "nope", kbtest::fast_index_options());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code() == kb::Code::kNotFound);
  CHECK_FALSE(fs::exists(tmp.path() / "nope"));  // nothing created

  kbtest::write_file(tmp.path() / "file.md", "# x\n");
  auto file = kb::Index::open(tmp.path() / "file.md", kbtest::fast_index_options());
  REQUIRE_FALSE(file.has_value());
  CHECK(file.error().code() == kb::Code::kNotFound);
}

TEST_CASE("Index::open when .kbsearch cannot be created is kIOError",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / ".kbsearch", "a file in the way");
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE_FALSE(index.has_value());
  CHECK(index.error().code() == kb::Code::kIOError);
}

TEST_CASE("Index::open of a damaged index is kCorruption or kVersionMismatch",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  kbtest::write_file(kbtest::current_database_dir(tmp.path()) / "iamglass",
                     "garbage, not a glass version file");
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE_FALSE(index.has_value());
  CHECK((index.error().code() == kb::Code::kCorruption ||
         index.error().code() == kb::Code::kVersionMismatch));
}

TEST_CASE("find_root_above finds the nearest folder holding an index",
          "[index]") {
  kbtest::TempDir tmp;
  const fs::path root = tmp.path() / "kb";
  fs::create_directories(root / "a" / "b");
  CHECK(kb::find_root_above(root / "a" / "b").empty());
  {
    auto index = kb::Index::open(root, kbtest::fast_index_options());
    REQUIRE(index.has_value());
  }
  CHECK(fs::equivalent(kb::find_root_above(root / "a" / "b"), root));
  CHECK(fs::equivalent(kb::find_root_above(root), root));
  // A nested knowledge base wins over the outer one.
  {
    auto inner = kb::Index::open(root / "a", kbtest::fast_index_options());
    REQUIRE(inner.has_value());
  }
  CHECK(fs::equivalent(kb::find_root_above(root / "a" / "b"), root / "a"));
}

TEST_CASE("update counts added and updated and removed and unchanged notes",
          "[index]") {
  kbtest::TempDir tmp;
  const fs::path root = tmp.path();
  kbtest::write_file(root / "one.md", "# One\n\nalpha words here\n");
  kbtest::write_file(root / "sub/two.md", "# Two\n\nbravo words here\n");
  kbtest::write_file(root / "sub/deeper/three.markdown", "charlie\n");
  kbtest::write_file(root / "not-a-note.txt", "delta\n");
  kbtest::write_file(root / ".hidden/four.md", "echo\n");

  auto index = kb::Index::open(root, kbtest::fast_index_options());
  REQUIRE(index.has_value());

  // First run: everything is new.
  auto first = index->update();
  REQUIRE(first.has_value());
  CHECK(counts(*first) == "3/3/0/0/0/0");
  CHECK(*index->note_count() == 3);

  // Second run: nothing changed.
  auto second = index->update();
  REQUIRE(second.has_value());
  CHECK(counts(*second) == "3/0/0/0/3/0");

  // Change one, delete one, add one.
  kbtest::write_file(root / "one.md", "# One\n\nalpha and foxtrot, longer\n");
  touch_forward(root / "one.md");
  fs::remove(root / "sub/two.md");
  kbtest::write_file(root / "five.md", "golf\n");
  auto third = index->update();
  REQUIRE(third.has_value());
  CHECK(counts(*third) == "3/1/1/1/1/0");
  CHECK(*index->note_count() == 3);

  // And the index holds what the files now say (readers may read while the
  // Index is open).
  CHECK(found(root, "foxtrot") == std::set<std::string>{"one.md"});
  CHECK(found(root, "bravo").empty());
  CHECK(found(root, "golf") == std::set<std::string>{"five.md"});
  CHECK(found(root, "charlie") ==
        std::set<std::string>{"sub/deeper/three.markdown"});
  CHECK(found(root, "delta").empty());
  CHECK(found(root, "echo").empty());
}

TEST_CASE("A note ignored after it was indexed is dropped by the next update", "[index]") {
  kbtest::TempDir tmp;
  const fs::path root = tmp.path();
  kbtest::write_file(root / "kept.md", "alpha\n");
  kbtest::write_file(root / "drafts/draft.md", "bravo\n");
  kbtest::write_file(root / "scratch.md", "charlie\n");
  {
    auto index = kb::Index::open(root, kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
    CHECK(*index->note_count() == 3);
  }
  kbtest::write_file(root / ".kbignore", "drafts/\n");
  kb::IndexOptions options = kbtest::fast_index_options();
  options.exclude = {"scratch.md"};
  auto index = kb::Index::open(root, options);
  REQUIRE(index.has_value());
  auto report = index->update();
  REQUIRE(report.has_value());
  CHECK(counts(*report) == "1/0/0/2/1/0");
  CHECK(found(root, "bravo").empty());
  CHECK(found(root, "charlie").empty());
  CHECK(found(root, "alpha") == std::set<std::string>{"kept.md"});
}

TEST_CASE("A note whose mtime changed is re-indexed even with the same size",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(index.has_value());
  REQUIRE(index->update().has_value());
  kbtest::write_file(tmp.path() / "a.md", "bravo\n");  // same size
  touch_forward(tmp.path() / "a.md");
  auto report = index->update();
  REQUIRE(report.has_value());
  CHECK(counts(*report) == "1/0/1/0/0/0");
  auto searcher = kb::Searcher::open(tmp.path());
  REQUIRE(searcher.has_value());
  CHECK(searcher->search("bravo")->hits.size() == 1);
  CHECK(searcher->search("alpha")->hits.empty());
}

TEST_CASE("A binary note fails and is reported while the others are indexed",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "good.md", "# Good\n\nhotel\n");
  kbtest::write_file(tmp.path() / "bin.md", binary_bytes());
  kbtest::write_file(tmp.path() / "also-good.md", "india\n");

  std::vector<kb::Diagnostic> seen;
  kb::IndexOptions options = kbtest::fast_index_options();
  options.on_diagnostic = [&](const kb::Diagnostic& d) { seen.push_back(d); };
  auto index = kb::Index::open(tmp.path(), options);
  REQUIRE(index.has_value());
  auto report = index->update();
  REQUIRE(report.has_value());
  CHECK(counts(*report) == "3/2/0/0/0/1");
  CHECK(report->diagnostics == seen.size());
  CHECK(std::count_if(seen.begin(), seen.end(), [](const kb::Diagnostic& d) {
          return d.path == "bin.md";
        }) == 1);
  CHECK(*index->note_count() == 2);
  index->commit();
  CHECK(found(tmp.path(), "hotel") == std::set<std::string>{"good.md"});
  CHECK(found(tmp.path(), "zebra").empty());
}

// Indexes the notes of `files` at its root, or those at or below `scope`,
// collecting what is reported; with `settings` instead of those of its
// config file.
kb::IndexReport index_files(kbtest::MemEnv& files, std::vector<kb::Diagnostic>& seen,
                            std::optional<kb::Settings> settings = std::nullopt,
                            const std::vector<std::string>& scope = {}) {
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  options.settings = std::move(settings);
  options.on_diagnostic = [&](const kb::Diagnostic& d) { seen.push_back(d); };
  auto index = kb::Index::open(files.root(), options);
  if (!index) FAIL(index.error().to_string());
  auto report = index->update(scope);
  if (!report) FAIL(report.error().to_string());
  return *report;
}

TEST_CASE("A note whose mtime changed but not its bytes keeps its entry and gets the new stamp",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("a.md", "alpha\n");
  files.write("b.md", "bravo\n");
  std::vector<kb::Diagnostic> seen;
  REQUIRE(counts(index_files(files, seen)) == "2/2/0/0/0/0");

  // Saved again unchanged (a new mtime): counted unchanged, not updated.
  files.write("a.md", "alpha\n");
  CHECK(counts(index_files(files, seen)) == "2/0/0/0/2/0");
  // The new stamp was kept: the next run does not read the note at all,
  // so a read that would fail now goes unnoticed.
  files.fail_reads("a.md", EIO);
  CHECK(counts(index_files(files, seen)) == "2/0/0/0/2/0");
  CHECK(seen.empty());
  files.stop_failing("a.md");

  // Same size, other bytes: read and updated.
  files.write("a.md", "alphX\n");
  CHECK(counts(index_files(files, seen)) == "2/0/1/0/1/0");
  CHECK(found(tmp.path(), "alphx") == std::set<std::string>{"a.md"});
  CHECK(found(tmp.path(), "alpha").empty());
}

// Reads that fail are injected through a MemEnv: file permissions stop no
// read of a test running as root, as CI does.
TEST_CASE("An unreadable note fails and is reported", "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("good.md", "hotel\n");
  files.write("locked.md", "juliet\n");
  files.fail_reads("locked.md", EACCES);

  std::vector<kb::Diagnostic> seen;
  const kb::IndexReport report = index_files(files, seen);
  CHECK(report.added == 1);
  CHECK(report.failed == 1);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].path == "locked.md");
  CHECK(seen[0].message.find(std::strerror(EACCES)) != std::string::npos);
}

TEST_CASE("An unreadable folder is reported and the rest is indexed", "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("good.md", "hotel\n");
  files.write("locked/inner.md", "juliet\n");
  files.fail_reads("locked", EIO);
  std::vector<kb::Diagnostic> seen;
  CHECK(counts(index_files(files, seen)) == "1/1/0/0/0/0");
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].path == "locked");
  CHECK(seen[0].message.find("cannot read folder") != std::string::npos);
}

TEST_CASE("Notes below a folder that becomes unreadable keep their entries", "[index]") {
  // An unreadable folder says nothing about what is in it: dropping its
  // notes would empty the index of a knowledge base whose disk hiccups.
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("good.md", "hotel\n");
  files.write("locked/inner.md", "juliet\n");
  std::vector<kb::Diagnostic> seen;
  REQUIRE(counts(index_files(files, seen)) == "2/2/0/0/0/0");

  files.remove("good.md");  // gone: seen only where the root can be read
  std::size_t removed = 0;
  SECTION("a folder") {
    files.fail_reads("locked", EIO);
    removed = 1;
  }
  SECTION("the root") { files.fail_reads("", EIO); }
  seen.clear();
  CHECK(index_files(files, seen).removed == removed);
  CHECK(found(tmp.path(), "juliet") == std::set<std::string>{"locked/inner.md"});
  CHECK(seen.size() == 1);
}

TEST_CASE("A note that becomes unreadable keeps its previous index entry",
          "[index]") {
  kbtest::TempDir tmp;
  const fs::path root = tmp.path();
  kbtest::MemEnv files(root);
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  files.write("note.md", "# Note\n\nkilo lima\n");
  files.write("other.md", "mike\n");
  {
    auto index = kb::Index::open(root, options);
    REQUIRE(index.has_value());
    REQUIRE(counts(*index->update()) == "2/2/0/0/0/0");
  }

  SECTION("it turns binary") { files.write("note.md", binary_bytes()); }
  SECTION("it loses read permission") {
    files.write("note.md", "# Note\n\nchanged, but unreadable\n");
    files.fail_reads("note.md", EACCES);
  }

  std::size_t diagnostics = 0;
  options.on_diagnostic = [&](const kb::Diagnostic&) { ++diagnostics; };
  {
    auto index = kb::Index::open(root, options);
    REQUIRE(index.has_value());
    auto report = index->update();
    REQUIRE(report.has_value());
    CHECK(counts(*report) == "2/0/0/0/1/1");
    CHECK(diagnostics >= 1);
    CHECK(*index->note_count() == 2);
  }
  CHECK(found(root, "kilo") == std::set<std::string>{"note.md"});
  CHECK(found(root, "mike") == std::set<std::string>{"other.md"});

  // Once readable again, it is re-indexed.
  files.stop_failing("note.md");
  files.remove("note.md");
  files.write("note.md", "november\n");
  options.on_diagnostic = nullptr;
  {
    auto index = kb::Index::open(root, options);
    REQUIRE(index.has_value());
    CHECK(counts(*index->update()) == "2/0/1/0/1/0");
  }
  CHECK(found(root, "november") == std::set<std::string>{"note.md"});
  CHECK(found(root, "kilo").empty());
}

TEST_CASE("A second writer gets kLocked until the first is gone", "[index]") {
  kbtest::TempDir tmp;
  {
    auto first = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(first.has_value());
    auto second = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error().code() == kb::Code::kLocked);
    // Readers are still welcome while it writes.
    REQUIRE(first->update().has_value());
    CHECK(kb::Searcher::open(tmp.path()).has_value());
    auto third = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE_FALSE(third.has_value());
    CHECK(third.error().code() == kb::Code::kLocked);
  }
  auto again = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  CHECK(again.has_value());
}

TEST_CASE("put and remove and commit change what readers see", "[index]") {
  kbtest::TempDir tmp;
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(index.has_value());
  REQUIRE(index->update().has_value());  // an empty knowledge base

  REQUIRE(index->put(simple_note("a.md", "oscar papa")).ok());
  REQUIRE(index->put(simple_note("b.md", "oscar quebec")).ok());
  // note_count counts uncommitted notes ...
  CHECK(*index->note_count() == 2);
  // ... but readers see only the last commit.
  CHECK(found(tmp.path(), "oscar").empty());
  REQUIRE(index->commit().ok());
  CHECK(found(tmp.path(), "oscar") == std::set<std::string>{"a.md", "b.md"});

  // put with the same path replaces.
  REQUIRE(index->put(simple_note("a.md", "romeo")).ok());
  REQUIRE(index->remove("b.md").ok());
  REQUIRE(index->remove("never-indexed.md").ok());  // not an error
  CHECK(*index->note_count() == 1);
  REQUIRE(index->commit().ok());
  CHECK(found(tmp.path(), "oscar").empty());
  CHECK(found(tmp.path(), "romeo") == std::set<std::string>{"a.md"});
}

// index.h: put() "Takes effect at commit()", and commit() "Makes every change
// so far visible to readers". A program that fills an index through put()
// alone (never calling update()) must be able to search it.
TEST_CASE("An index filled with put() and commit() alone can be searched",
          "[index]") {
  kbtest::TempDir tmp;
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->put(simple_note("a.md", "whiskey")).ok());
    REQUIRE(index->commit().ok());
  }
  auto searcher = kb::Searcher::open(tmp.path());
  INFO((searcher ? std::string("opened") : searcher.error().to_string()));
  REQUIRE(searcher.has_value());
  auto results = searcher->search("whiskey");
  REQUIRE(results.has_value());
  REQUIRE(results->hits.size() == 1);
  CHECK(results->hits[0].path == "a.md");
}

TEST_CASE("An index of another schema version is refused and then built anew",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "xray\n");
  kbtest::write_file(tmp.path() / "b.md", "yankee\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(counts(*index->update()) == "2/2/0/0/0/0");
  }
  REQUIRE(kb::Searcher::open(tmp.path()).has_value());
  {
    // Pretend an older kbsearch built it.
    Xapian::WritableDatabase db(kb::database_path(tmp.path()).string(), Xapian::DB_OPEN);
    db.set_metadata(kb::schema::kKey, "0");
    db.commit();
  }
  auto refused = kb::Searcher::open(tmp.path());
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code() == kb::Code::kVersionMismatch);

  // update() reads every note into a new database, although none changed
  // on disk, and says why.
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    CHECK(index->start() == kb::IndexStart::kOtherSchema);
    CHECK(counts(*index->update()) == "2/2/0/0/0/0");
  }
  CHECK(found(tmp.path(), "xray") == std::set<std::string>{"a.md"});
  // And afterwards the notes are current again.
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(index.has_value());
  CHECK(index->start() == kb::IndexStart::kIncremental);
  CHECK(counts(*index->update()) == "2/0/0/0/2/0");
}

TEST_CASE("Destroying an Index commits pending changes", "[index]") {
  kbtest::TempDir tmp;
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
    REQUIRE(index->put(simple_note("a.md", "sierra")).ok());
  }
  CHECK(found(tmp.path(), "sierra") == std::set<std::string>{"a.md"});
}

TEST_CASE("A moved-from Index can be destroyed and reassigned", "[index]") {
  kbtest::TempDir tmp;
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(index.has_value());
  REQUIRE(index->update().has_value());
  kb::Index moved = std::move(*index);
  REQUIRE(moved.put(simple_note("a.md", "tango")).ok());
  REQUIRE(moved.commit().ok());
  CHECK(found(tmp.path(), "tango") == std::set<std::string>{"a.md"});
}

TEST_CASE("update commits in batches and indexes every note", "[index]") {
  kbtest::TempDir tmp;
  for (int i = 0; i < 7; ++i) {
    kbtest::write_file(tmp.path() / ("n" + std::to_string(i) + ".md"),
                       "uniform number" + std::to_string(i) + "\n");
  }
  kb::IndexOptions options = kbtest::fast_index_options();
  options.batch_size = 2;
  auto index = kb::Index::open(tmp.path(), options);
  REQUIRE(index.has_value());
  auto report = index->update();
  REQUIRE(report.has_value());
  CHECK(counts(*report) == "7/7/0/0/0/0");
  // update() itself commits at the end: readers see everything now.
  CHECK(found(tmp.path(), "uniform").size() == 7);

  // Removing several also goes in batches.
  for (int i = 0; i < 5; ++i) {
    fs::remove(tmp.path() / ("n" + std::to_string(i) + ".md"));
  }
  auto after = index->update();
  REQUIRE(after.has_value());
  CHECK(counts(*after) == "2/0/0/5/2/0");
  CHECK(found(tmp.path(), "uniform") ==
        std::set<std::string>{"n5.md", "n6.md"});
}

TEST_CASE("A durable index works the same", "[index]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "victor\n");
  auto index = kb::Index::open(tmp.path());  // default options
  REQUIRE(index.has_value());
  CHECK(counts(*index->update()) == "1/1/0/0/0/0");
  CHECK(found(tmp.path(), "victor") == std::set<std::string>{"a.md"});
}

TEST_CASE("Indexing the fixture knowledge base finds its 41 notes", "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.load(fs::path(KB_FIXTURES_DIR) / "kb");
  std::vector<kb::Diagnostic> seen;
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  options.on_diagnostic = [&](const kb::Diagnostic& d) { seen.push_back(d); };
  auto index = kb::Index::open(tmp.path(), options);
  REQUIRE(index.has_value());
  auto report = index->update();
  REQUIRE(report.has_value());
  // fixtures/README.md: 41 notes; hidden folders and the .txt are skipped.
  CHECK(counts(*report) == "41/41/0/0/0/0");
  CHECK(*index->note_count() == 41);
  // The broken front matter is reported, against its own file.
  CHECK(std::any_of(seen.begin(), seen.end(), [](const kb::Diagnostic& d) {
    return d.path == "edge/broken-frontmatter.md";
  }));
  CHECK(report->diagnostics == seen.size());
  // A second run finds nothing to do.
  CHECK(counts(*index->update()) == "41/0/0/0/41/0");
}

TEST_CASE("An index folder that is a symbolic link is refused, not followed", "[index]") {
  kbtest::TempDir outside;
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  SECTION(".kbsearch itself") {
    fs::create_directory_symlink(outside.path(), tmp.path() / ".kbsearch");
  }
  SECTION("its database stub") {
    fs::create_directories(tmp.path() / ".kbsearch");
    kbtest::write_file(outside.path() / "stub", "glass xapian-1\n");
    fs::create_symlink(outside.path() / "stub", kb::database_path(tmp.path()));
  }
  SECTION("its current generation") {
    {
      auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
      REQUIRE(index.has_value());
      REQUIRE(index->update().has_value());
    }
    const fs::path generation = kbtest::current_database_dir(tmp.path());
    fs::remove_all(generation);
    fs::create_directory_symlink(outside.path(), generation);
  }
  const auto planted = kbtest::list_tree(outside.path());
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE_FALSE(index.has_value());
  CHECK(index.error().code() == kb::Code::kInvalidArgument);
  CHECK(index.error().message().find("symbolic link") != std::string::npos);
  auto searcher = kb::Searcher::open(tmp.path());
  REQUIRE_FALSE(searcher.has_value());
  CHECK(searcher.error().code() == kb::Code::kInvalidArgument);
  // Nothing was written where the link points.
  CHECK(kbtest::list_tree(outside.path()) == planted);
}

TEST_CASE("A note over the size cap is not indexed, with a warning", "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("small.md", "hotel\n");
  files.write("huge.md", "juliet " + std::string(2000, 'x') + "\n");
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  options.max_note_bytes = 1000;
  std::vector<kb::Diagnostic> seen;
  options.on_diagnostic = [&](const kb::Diagnostic& d) { seen.push_back(d); };
  {
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    auto report = index->update();
    REQUIRE(report.has_value());
    CHECK(report->added == 1);
  }
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].path == "huge.md");
  CHECK(seen[0].message.find("not indexed") != std::string::npos);
  CHECK(found(tmp.path(), "juliet").empty());
  // Raising the cap indexes it.
  options.max_note_bytes = 1u << 20;
  options.on_diagnostic = nullptr;
  {
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  CHECK(found(tmp.path(), "juliet") == std::set<std::string>{"huge.md"});
}

TEST_CASE("update() stops when asked, keeps what it did, and the next one finishes",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  for (int i = 0; i < 5; ++i) files.write("n" + std::to_string(i) + ".md", "kilo\n");
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  int asked = 0;
  options.stop_requested = [&asked] { return ++asked > 2; };  // after two notes
  {
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    auto report = index->update();
    REQUIRE(report.has_value());
    CHECK(report->stopped);
    CHECK(report->added == 2);
    CHECK(report->removed == 0);
  }
  CHECK(found(tmp.path(), "kilo").size() == 2);  // committed
  options.stop_requested = nullptr;
  auto index = kb::Index::open(tmp.path(), options);
  REQUIRE(index.has_value());
  auto report = index->update();
  REQUIRE(report.has_value());
  CHECK_FALSE(report->stopped);
  CHECK(counts(*report) == "5/3/0/0/2/0");
}

TEST_CASE("update() reports progress over the notes it reads, not the unchanged ones",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  for (int i = 0; i < 4; ++i) files.write("n" + std::to_string(i) + ".md", "kilo\n");
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  std::vector<std::string> seen;
  options.on_progress = [&seen](const kb::IndexProgress& p) {
    seen.push_back(std::to_string(p.done) + "/" + std::to_string(p.total));
  };
  const auto update = [&] {
    seen.clear();
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  };
  update();
  CHECK(seen == std::vector<std::string>{"1/4", "2/4", "3/4", "4/4"});
  files.write("n2.md", "lima\n");
  update();
  CHECK(seen == std::vector<std::string>{"1/1"});
  update();
  CHECK(seen.empty());
}

TEST_CASE("rebuild starts over from an index that cannot be opened", "[index]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "victor\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  // Damage every table file.
  for (const auto& entry : fs::directory_iterator(kbtest::current_database_dir(tmp.path()))) {
    kbtest::write_file(entry.path(), "garbage");
  }
  REQUIRE_FALSE(kb::Index::open(tmp.path(), kbtest::fast_index_options()).has_value());
  kb::IndexOptions options = kbtest::fast_index_options();
  options.rebuild = true;
  {
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    auto report = index->update();
    REQUIRE(report.has_value());
    CHECK(counts(*report) == "1/1/0/0/0/0");
  }
  CHECK(found(tmp.path(), "victor") == std::set<std::string>{"a.md"});
  // Not under a running writer.
  auto writer = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(writer.has_value());
  auto second = kb::Index::open(tmp.path(), options);
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().code() == kb::Code::kLocked);
  CHECK(found(tmp.path(), "victor") == std::set<std::string>{"a.md"});
}

TEST_CASE("A second writer waits a bounded time, then names the process that holds the index",
          "[index]") {
  kbtest::TempDir tmp;
  kb::IndexOptions waiting = kbtest::fast_index_options();
  waiting.lock_wait = std::chrono::milliseconds(300);
  auto first = std::make_unique<kb::Index>(
      kb::Index::open(tmp.path(), kbtest::fast_index_options()).value());
  SECTION("the holder stays: kLocked, with its pid") {
    const auto start = std::chrono::steady_clock::now();
    auto second = kb::Index::open(tmp.path(), waiting);
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error().code() == kb::Code::kLocked);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
    CHECK(second.error().message().find("pid " + std::to_string(::getpid()) + ": ") !=
          std::string::npos);
  }
  SECTION("the holder finishes meanwhile: the second goes on") {
    std::thread closer([&first] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      first.reset();
    });
    waiting.lock_wait = std::chrono::seconds(5);
    auto second = kb::Index::open(tmp.path(), waiting);
    closer.join();
    CHECK(second.has_value());
  }
}

TEST_CASE("A mojibake note is repaired again when the others' words change, as a rebuild would",
          "[index]") {
  // The fixture's mojibake copy (001) of a weekly summary (000), beside a
  // note that keeps a few of its words; 000's words steer the repair.
  const fs::path posts = fs::path(KB_FIXTURES_DIR) / "kb" / "posts";
  const auto tags_of_mojibake = [](const fs::path& root) {
    auto searcher = kb::Searcher::open(root);
    REQUIRE(searcher.has_value());
    // Not collapsed: a good repair makes 001 a duplicate of 000.
    kb::SearchOptions every;
    every.collapse = false;
    auto results = searcher->search("path:posts", every);
    REQUIRE(results.has_value());
    for (const kb::Hit& hit : results->hits) {
      if (hit.path == "posts/001_55c4e469920f7bc4.md") return hit.tags;
    }
    FAIL("the mojibake note is not indexed");
    return std::vector<std::string>{};
  };
  kbtest::TempDir kept;
  for (const char* name : {"000_7de7bcde4ef4daba.md", "001_55c4e469920f7bc4.md"}) {
    fs::create_directories(kept.path() / "posts");
    fs::copy_file(posts / name, kept.path() / "posts" / name);
  }
  {
    auto index = kb::Index::open(kept.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  const std::vector<std::string> with_original = tags_of_mojibake(kept.path());
  // The original goes: its words no longer vote.
  fs::remove(kept.path() / "posts" / "000_7de7bcde4ef4daba.md");
  {
    auto index = kb::Index::open(kept.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    auto report = index->update();
    REQUIRE(report.has_value());
    CHECK(counts(*report) == "1/0/0/1/1/0");  // re-repaired, and still unchanged
  }
  kbtest::TempDir rebuilt;
  fs::create_directories(rebuilt.path() / "posts");
  fs::copy_file(kept.path() / "posts" / "001_55c4e469920f7bc4.md",
                rebuilt.path() / "posts" / "001_55c4e469920f7bc4.md");
  {
    auto index = kb::Index::open(rebuilt.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  const std::vector<std::string> without_original = tags_of_mojibake(rebuilt.path());
  REQUIRE(without_original != with_original);  // else this shows nothing
  CHECK(tags_of_mojibake(kept.path()) == without_original);
}

TEST_CASE("Changed file-name date formats read every note again, changed excludes drop notes",
          "[index]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("journal/21.10.2024.md", "alpha\n");
  files.write("drafts/b.md", "alpha\n");
  std::vector<kb::Diagnostic> seen;
  REQUIRE(counts(index_files(files, seen)) == "2/2/0/0/0/0");
  CHECK(found(tmp.path(), "alpha date:2024-10-21").empty());

  // No note changed, only the config: the note now has its day.
  files.write(".kbsearch.toml", "[dates]\nfile_name = [\"%d.%m.%Y\"]\n");
  CHECK(counts(index_files(files, seen)) == "2/0/2/0/0/0");
  CHECK(found(tmp.path(), "alpha date:2024-10-21") ==
        std::set<std::string>{"journal/21.10.2024.md"});
  // Read once: the next update has nothing to do.
  CHECK(counts(index_files(files, seen)) == "2/0/0/0/2/0");

  files.write(".kbsearch.toml",
              "[dates]\nfile_name = [\"%d.%m.%Y\"]\n[index]\nexclude = [\"drafts/\"]\n");
  CHECK(counts(index_files(files, seen)) == "1/0/0/1/1/0");
  CHECK(found(tmp.path(), "alpha") == std::set<std::string>{"journal/21.10.2024.md"});

  // Settings given in the options replace the file's.
  CHECK(counts(index_files(files, seen, kb::Settings())) == "2/1/1/0/0/0");
  CHECK(found(tmp.path(), "alpha") ==
        std::set<std::string>{"drafts/b.md", "journal/21.10.2024.md"});
  CHECK(found(tmp.path(), "alpha date:2024-10-21").empty());
  CHECK(seen.empty());
}

namespace {

// A knowledge base indexed whole, then changed on disk in every way a
// scoped update covers: notes changed, deleted and new in notes/ and in
// other/ beside it, a note deleted in notes-2/ (whose name starts as
// notes/ does), and a note in drafts/, which the root's .gitignore leaves
// out.
void index_then_change(kbtest::MemEnv& files) {
  // Each note's text its own, so that search does not fold two into one.
  const auto write = [&files](const std::string& path, const std::string& word) {
    files.write(path, word + " in " + path + "\n");
  };
  files.write(".gitignore", "drafts/\n");
  write("notes/changed.md", "alpha");
  write("notes/deleted.md", "bravo");
  write("other/changed.md", "alpha");
  write("other/deleted.md", "bravo");
  write("notes-2/deleted.md", "bravo");
  std::vector<kb::Diagnostic> seen;
  REQUIRE(counts(index_files(files, seen)) == "5/5/0/0/0/0");
  write("notes/changed.md", "charlie");
  write("other/changed.md", "charlie");
  files.remove("notes/deleted.md");
  files.remove("other/deleted.md");
  files.remove("notes-2/deleted.md");
  write("notes/new.md", "delta");
  write("other/new.md", "delta");
  write("drafts/d.md", "echo");
}

using Paths = std::set<std::string>;

}  // namespace

TEST_CASE("A scoped update reads, adds and removes only the notes at or below its paths",
          "[index][scope]") {
  struct Row {
    std::vector<std::string> scope;
    const char* counts;
    // What a search finds afterwards: the old text of a note is still
    // found where it was not read again.
    Paths alpha, bravo, charlie, delta;
    const char* reported;  // the path a diagnostic names, or nullptr
  };
  const Row rows[] = {
      {{"notes/changed.md"},
       "1/0/1/0/0/0",
       {"other/changed.md"},
       {"notes/deleted.md", "other/deleted.md", "notes-2/deleted.md"},
       {"notes/changed.md"},
       {},
       nullptr},
      {{"notes/deleted.md"},
       "0/0/0/1/0/0",
       {"notes/changed.md", "other/changed.md"},
       {"other/deleted.md", "notes-2/deleted.md"},
       {},
       {},
       nullptr},
      {{"notes/new.md"},
       "1/1/0/0/0/0",
       {"notes/changed.md", "other/changed.md"},
       {"notes/deleted.md", "other/deleted.md", "notes-2/deleted.md"},
       {},
       {"notes/new.md"},
       nullptr},
      {{"notes"},
       "2/1/1/1/0/0",
       {"other/changed.md"},
       {"other/deleted.md", "notes-2/deleted.md"},
       {"notes/changed.md"},
       {"notes/new.md"},
       nullptr},
      {{"notes/new.md", "other/changed.md"},
       "2/1/1/0/0/0",
       {"notes/changed.md"},
       {"notes/deleted.md", "other/deleted.md", "notes-2/deleted.md"},
       {"other/changed.md"},
       {"notes/new.md"},
       nullptr},
      // Ignored: reported, and nothing else is done.
      {{"drafts/d.md"},
       "0/0/0/0/0/0",
       {"notes/changed.md", "other/changed.md"},
       {"notes/deleted.md", "other/deleted.md", "notes-2/deleted.md"},
       {},
       {},
       "drafts/d.md"},
      // Everything, as update() without a scope.
      {{""},
       "4/2/2/3/0/0",
       {},
       {},
       {"notes/changed.md", "other/changed.md"},
       {"notes/new.md", "other/new.md"},
       nullptr},
  };
  for (const Row& row : rows) {
    std::string scope;
    for (const std::string& entry : row.scope) scope += "\"" + entry + "\" ";
    INFO("scope " << scope);
    kbtest::TempDir tmp;
    kbtest::MemEnv files(tmp.path());
    index_then_change(files);
    std::vector<kb::Diagnostic> seen;
    CHECK(counts(index_files(files, seen, std::nullopt, row.scope)) == row.counts);
    CHECK(found(tmp.path(), "alpha") == row.alpha);
    CHECK(found(tmp.path(), "bravo") == row.bravo);
    CHECK(found(tmp.path(), "charlie") == row.charlie);
    CHECK(found(tmp.path(), "delta") == row.delta);
    CHECK(found(tmp.path(), "echo").empty());
    if (row.reported == nullptr) {
      CHECK(seen.empty());
    } else {
      REQUIRE(seen.size() == 1);
      CHECK(seen.front().path == row.reported);
    }
  }
}

TEST_CASE("A scoped update drops an indexed note that is ignored now or leads elsewhere",
          "[index][scope]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("a.md", "alpha in a\n");
  files.write("sub/b.md", "alpha in b\n");
  std::vector<kb::Diagnostic> seen;
  REQUIRE(counts(index_files(files, seen)) == "2/2/0/0/0/0");
  SECTION("ignored") {
    files.write(".gitignore", "sub/\n");
    CHECK(counts(index_files(files, seen, std::nullopt, {"sub/b.md"})) == "0/0/0/1/0/0");
    CHECK(found(tmp.path(), "alpha") == Paths{"a.md"});
    REQUIRE(seen.size() == 1);
    CHECK(seen.front().path == "sub/b.md");
  }
  SECTION("a link that leads outside the root") {
    files.remove("a.md");
    files.symlink("a.md", "../../elsewhere.md");
    CHECK(counts(index_files(files, seen, std::nullopt, {"a.md"})) == "0/0/0/1/0/0");
    CHECK(found(tmp.path(), "alpha") == Paths{"sub/b.md"});
  }
  SECTION("deleted, named through a link to its folder") {
    files.symlink("lnk", "sub");
    files.remove("sub/b.md");
    CHECK(counts(index_files(files, seen, std::nullopt, {"lnk/b.md"})) == "0/0/0/1/0/0");
    CHECK(found(tmp.path(), "alpha") == Paths{"a.md"});
    CHECK(seen.empty());
  }
}

TEST_CASE("A scoped update finds the indexed notes of a folder too long for a term",
          "[index][scope]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  const std::string deep = "deep/" + std::string(250, 'x');
  files.write(deep + "/kept.md", "alpha kept\n");
  files.write(deep + "/deleted.md", "alpha deleted\n");
  files.write("beside.md", "alpha beside\n");
  std::vector<kb::Diagnostic> seen;
  REQUIRE(counts(index_files(files, seen)) == "3/3/0/0/0/0");
  files.write(deep + "/kept.md", "bravo kept\n");
  files.remove(deep + "/deleted.md");
  files.remove("beside.md");
  CHECK(counts(index_files(files, seen, std::nullopt, {deep})) == "1/0/1/1/0/0");
  CHECK(found(tmp.path(), "bravo") == Paths{deep + "/kept.md"});
  CHECK(found(tmp.path(), "alpha") == Paths{"beside.md"});
}

TEST_CASE("A scoped update looks at no note outside its scope", "[index][scope]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv memory(tmp.path());
  index_then_change(memory);
  kbtest::RecordingEnv files(memory, memory.root());
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  auto index = kb::Index::open(tmp.path(), options);
  REQUIRE(index.has_value());
  auto report = index->update({"notes/changed.md"});
  REQUIRE(report.has_value());
  CHECK(report->updated == 1);
  CHECK(files.listed().empty());
  // The note, its folders, and the config and ignore files in them.
  const std::set<std::string> may_look_at = {
      "",      ".kbsearch.toml",   ".gitignore",      ".kbignore",
      "notes", "notes/.gitignore", "notes/.kbignore", "notes/changed.md"};
  for (const std::set<std::string>& looked_at : {files.stated(), files.read()}) {
    for (const std::string& path : looked_at) {
      INFO(path);
      CHECK(may_look_at.count(path) == 1);
    }
  }
  CHECK(files.read().count("notes/changed.md") == 1);
}

TEST_CASE("A scoped update does the whole update while the index is not built", "[index][scope]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("journal/21.10.2024.md", "alpha\n");
  files.write("a.md", "alpha\n");
  files.write("sub/b.md", "alpha\n");
  const Paths all = {"a.md", "journal/21.10.2024.md", "sub/b.md"};
  std::vector<kb::Diagnostic> seen;
  SECTION("a new index") {
    CHECK(counts(index_files(files, seen, std::nullopt, {"a.md"})) == "3/3/0/0/0/0");
    CHECK(found(tmp.path(), "alpha") == all);
  }
  SECTION("a rebuild") {
    REQUIRE(counts(index_files(files, seen)) == "3/3/0/0/0/0");
    kb::IndexOptions options = kbtest::fast_index_options();
    options.env = &files;
    options.rebuild = true;
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    auto report = index->update({"a.md"});
    REQUIRE(report.has_value());
    CHECK(counts(*report) == "3/3/0/0/0/0");
    // Built: the next scoped update of the same Index is scoped.
    files.write("a.md", "bravo\n");
    files.write("sub/b.md", "bravo\n");
    report = index->update({"a.md"});
    REQUIRE(report.has_value());
    CHECK(counts(*report) == "1/0/1/0/0/0");
    CHECK(found(tmp.path(), "alpha") == Paths{"journal/21.10.2024.md", "sub/b.md"});
  }
  SECTION("a first build that was stopped") {
    kb::IndexOptions options = kbtest::fast_index_options();
    options.env = &files;
    int asked = 0;
    options.stop_requested = [&asked] { return ++asked > 1; };  // after one note
    {
      auto index = kb::Index::open(tmp.path(), options);
      REQUIRE(index.has_value());
      auto report = index->update();
      REQUIRE(report.has_value());
      REQUIRE(report->stopped);
    }
    REQUIRE(found(tmp.path(), "alpha").size() == 1);
    // Reopened, the generation is no longer new, but still not built.
    CHECK(counts(index_files(files, seen, std::nullopt, {"a.md"})) == "3/2/0/0/1/0");
    CHECK(found(tmp.path(), "alpha") == all);
    // Built now: the next one is scoped.
    files.write("sub/b.md", "bravo\n");
    CHECK(counts(index_files(files, seen, std::nullopt, {"a.md"})) == "1/0/0/0/1/0");
  }
  SECTION("new file-name date formats") {
    REQUIRE(counts(index_files(files, seen)) == "3/3/0/0/0/0");
    files.write(".kbsearch.toml", "[dates]\nfile_name = [\"%d.%m.%Y\"]\n");
    CHECK(counts(index_files(files, seen, std::nullopt, {"a.md"})) == "3/0/3/0/0/0");
    CHECK(found(tmp.path(), "alpha date:2024-10-21") == Paths{"journal/21.10.2024.md"});
    CHECK(found(tmp.path(), "alpha") == all);
  }
  CHECK(seen.empty());
}

TEST_CASE("A scoped update keeps the link-dialect markers it did not see", "[index][scope]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("vault/.obsidian/app.json", "{}\n");
  files.write("vault/a.md", "alpha\n");
  files.write("b.md", "alpha\n");
  std::vector<kb::Diagnostic> seen;
  REQUIRE(counts(index_files(files, seen)) == "2/2/0/0/0/0");
  const auto markers = [&] {
    return Xapian::Database(kbtest::current_database_dir(tmp.path()).string())
        .get_metadata(kb::kDialectMarkersKey);
  };
  const std::string whole = markers();
  REQUIRE(whole == kb::encode_markers({{"vault", kb::LinkDialect::kObsidian}}));
  files.write("b.md", "bravo\n");
  CHECK(counts(index_files(files, seen, std::nullopt, {"b.md"})) == "1/0/1/0/0/0");
  CHECK(markers() == whole);
  CHECK(found(tmp.path(), "bravo") == Paths{"b.md"});
}

TEST_CASE("A scoped update refuses a path that is not relative to the root", "[index][scope]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  files.write("notes/a.md", "alpha\n");
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  auto index = kb::Index::open(tmp.path(), options);
  REQUIRE(index.has_value());
  for (const std::string entry : {"../a.md", "/notes/a.md", "notes/../notes/a.md", "./notes"}) {
    INFO(entry);
    auto report = index->update({"notes/a.md", entry});
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().code() == kb::Code::kInvalidArgument);
    CHECK(report.error().subject() == entry);
    // Refused before anything, even the first build, was done.
    CHECK(*index->note_count() == 0);
  }
}
