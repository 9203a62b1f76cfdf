// Tests for writer_identity.h: who holds an index for writing, told from
// the kernel's lock, never from a record a killed writer left.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "kb/index.h"
#include "store/writer_identity.h"
#include "test_util.h"

TEST_CASE("write_locked follows the writer's lock", "[writer_identity]") {
  kbtest::TempDir tmp;
  CHECK_FALSE(kb::write_locked(tmp.path()));  // no index at all
  {
    auto writer = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(writer.has_value());
    CHECK(kb::write_locked(tmp.path()));
  }
  CHECK_FALSE(kb::write_locked(tmp.path()));
}

TEST_CASE("The recorded writer is named while it holds the lock, and only then",
          "[writer_identity]") {
  kbtest::TempDir tmp;
  const std::string me = "pid " + std::to_string(::getpid()) + ": ";
  {
    auto writer = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(writer.has_value());
    CHECK(kb::describe_writer(tmp.path()).rfind(me, 0) == 0);
  }
  // A record left behind, as by a writer killed with SIGKILL, whose pid is
  // a live process (here this one) that does not hold the lock: nobody.
  kb::record_writer(tmp.path());
  REQUIRE(std::filesystem::exists(kb::index_dir(tmp.path()) / "writer"));
  CHECK(kb::describe_writer(tmp.path()).empty());
}

TEST_CASE("A record naming a process that is gone names nobody", "[writer_identity]") {
  kbtest::TempDir tmp;
  auto writer = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(writer.has_value());
  // The lock is held (by this process), but the record names another pid:
  // the largest a Linux pid can be, never running.
  kbtest::write_file(kb::index_dir(tmp.path()) / "writer", "4194304\n");
  CHECK(kb::describe_writer(tmp.path()).empty());
}
