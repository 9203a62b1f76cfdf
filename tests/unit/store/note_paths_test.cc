// Tests for kb/note_paths.h: the indexed notes by the start of their path,
// what shell completion offers after `kbsearch backlinks `.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "indexed_fixture.h"
#include "kb/note_paths.h"
#include "test_util.h"

namespace fs = std::filesystem;

TEST_CASE("indexed note paths are those under the prefix, sorted, and no others",
          "[note_paths]") {
  kbtest::IndexedFixture fx;
  auto english = kb::indexed_note_paths(fx.root(), "English/");
  REQUIRE(english);
  // fixtures/kb/English holds these four notes, .markdown among them.
  CHECK(*english == std::vector<std::string>{
                        "English/attention-notes.md", "English/old-style.markdown",
                        "English/reading-list.md", "English/toml-frontmatter.md"});
  // A prefix is bytes, not a whole folder name: "English/re" is one note.
  auto started = kb::indexed_note_paths(fx.root(), "English/re");
  REQUIRE(started);
  CHECK(*started == std::vector<std::string>{"English/reading-list.md"});
  auto none = kb::indexed_note_paths(fx.root(), "no-such-folder/");
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("an empty prefix lists every indexed note, and a limit keeps the first",
          "[note_paths]") {
  kbtest::IndexedFixture fx;
  auto all = kb::indexed_note_paths(fx.root(), "");
  REQUIRE(all);
  auto count = kb::Index::open(fx.root(), kbtest::fast_index_options());
  REQUIRE(count);
  auto notes = count->note_count();
  REQUIRE(notes);
  CHECK(all->size() == *notes);
  CHECK(std::is_sorted(all->begin(), all->end()));
  auto two = kb::indexed_note_paths(fx.root(), "", 2);
  REQUIRE(two);
  CHECK(*two == std::vector<std::string>(all->begin(), all->begin() + 2));
}

TEST_CASE("a path too long for an index term is listed whole", "[note_paths]") {
  kbtest::IndexedFixture fx;
  const std::string folder = "deep/" + std::string(250, 'd') + "/";
  fx.files().write(folder + "a.md", "# A\n");
  fx.files().write(folder + "b.md", "# B\n");
  fx.update();
  auto found = kb::indexed_note_paths(fx.root(), folder);
  REQUIRE(found);
  CHECK(*found == std::vector<std::string>{folder + "a.md", folder + "b.md"});
  auto by_start = kb::indexed_note_paths(fx.root(), "deep/");
  REQUIRE(by_start);
  CHECK(by_start->size() == 2);
}

TEST_CASE("a knowledge base without an index is kNotFound", "[note_paths]") {
  kbtest::TempDir empty;
  auto paths = kb::indexed_note_paths(empty.path(), "");
  REQUIRE_FALSE(paths);
  CHECK(paths.error().code() == kb::Code::kNotFound);
}
