// Tests for vocabulary.h: the index's own words guide mojibake repair.
#include <catch2/catch.hpp>

#include <filesystem>

#include "kb/index.h"
#include "kb/note_parser.h"
#include "kb/searcher.h"
#include "test_util.h"
#include "store/index_folder.h"
#include "store/vocabulary.h"

namespace fs = std::filesystem;

namespace {

const fs::path kPosts = fs::path(KB_FIXTURES_DIR) / "kb" / "posts";
const char* kOriginal = "000_7de7bcde4ef4daba.md";
const char* kMojibake = "001_55c4e469920f7bc4.md";

}  // namespace

TEST_CASE("pair frequencies leave out the note's own indexed version",
          "[vocabulary]") {
  kbtest::TempDir kb;
  kbtest::write_file(kb.path() / "a.md", "反思与总结");
  kbtest::write_file(kb.path() / "b.md", "每周反思");
  {
    auto index = kb::Index::open(kb.path(), kbtest::fast_index_options());
    REQUIRE(index);
    REQUIRE(index->update());
  }
  auto searcher = kb::Searcher::open(kb.path());
  REQUIRE(searcher);
  Xapian::Database db(kb::database_path(kb.path()).string());
  const kb::IndexVocabulary for_a(db, "a.md");
  const kb::IndexVocabulary for_new(db, "new.md");
  CHECK(for_new.cjk_pair_frequency("反思") == 2);  // a.md and b.md
  CHECK(for_a.cjk_pair_frequency("反思") == 1);    // b.md only
  CHECK(for_a.cjk_pair_frequency("思与") == 0);    // a.md only
  CHECK(for_new.cjk_pair_frequency("思与") == 1);
  CHECK(for_new.cjk_pair_frequency("与众") == 0);
}

// Seed 001 is 000 after a trip through Windows-1254. ICU's dictionary alone
// cannot bring back 反思与总结 (see mojibake.h); with 000 indexed beside it,
// the repaired tags equal 000's.
TEST_CASE("the mojibake seed is repaired with its twin's words",
          "[vocabulary][fixtures]") {
  kbtest::TempDir kb;
  fs::copy_file(kPosts / kOriginal, kb.path() / kOriginal);
  fs::copy_file(kPosts / kMojibake, kb.path() / kMojibake);
  {
    auto index = kb::Index::open(kb.path(), kbtest::fast_index_options());
    REQUIRE(index);
    REQUIRE(index->update());
  }
  auto original = kb::read_note(kb.path(), kOriginal);
  REQUIRE(original);
  auto searcher = kb::Searcher::open(kb.path());
  REQUIRE(searcher);
  auto repaired = searcher->read_note(kMojibake);
  REQUIRE(repaired);
  CHECK(repaired->repaired == "mojibake");
  CHECK(repaired->tag_names() == original->tag_names());
  CHECK(repaired->title == original->title);

  // And the index holds the repaired words: 反思与总结 finds both notes
  // (which search shows as one, duplicates collapsed, unless asked not to).
  kb::SearchOptions every;
  every.collapse = false;
  auto results = searcher->search("反思与总结", every);
  REQUIRE(results);
  CHECK(results->hits.size() == 2);
}
