// Tests for kb/env.h (base/env.cc): the operating system's Env describes a
// folder's entries as lstat(2) does, however it is asked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "kb/env.h"
#include "test_util.h"

namespace fs = std::filesystem;

TEST_CASE("list_folder_entries describes each entry as stat_link does, links not followed",
          "[env]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md", "twelve bytes");
  fs::create_directories(tmp.path() / "folder");
  fs::create_symlink("note.md", tmp.path() / "link.md");
  fs::create_symlink("missing.md", tmp.path() / "broken.md");
  const kb::Env& env = kb::Env::system();

  auto entries = env.list_folder_entries(tmp.path());
  REQUIRE(entries.has_value());
  std::map<std::string, kb::Env::FileType> types;
  for (const kb::Env::FolderEntry& entry : *entries) {
    CAPTURE(entry.name);
    REQUIRE(entry.info.has_value());
    auto direct = env.stat_link(tmp.path() / entry.name);
    REQUIRE(direct.has_value());
    CHECK(entry.info->type == direct->type);
    CHECK(entry.info->size == direct->size);
    CHECK(entry.info->mtime_ns == direct->mtime_ns);
    CHECK(entry.info->inode == direct->inode);
    types[entry.name] = entry.info->type;
  }
  CHECK(types == std::map<std::string, kb::Env::FileType>{
                     {"broken.md", kb::Env::FileType::kSymlink},
                     {"folder", kb::Env::FileType::kFolder},
                     {"link.md", kb::Env::FileType::kSymlink},
                     {"note.md", kb::Env::FileType::kRegular},
                 });
  auto missing = env.list_folder_entries(tmp.path() / "nowhere");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code() == kb::Code::kNotFound);
}
