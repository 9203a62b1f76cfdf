// Tests for index_schema.h: how notes are keyed in the index and where it
// lives.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <chrono>
#include <string>
#include <thread>

#include "kb/index.h"
#include "store/document_builder.h"
#include "store/index_schema.h"
#include "test_util.h"

TEST_CASE("note_id_term is Q followed by the path", "[index_schema]") {
  CHECK(kb::note_id_term("a.md") == "Qa.md");
  CHECK(kb::note_id_term("大模型LM/文献精读/Transformer.md") ==
        "Q大模型LM/文献精读/Transformer.md");
  // Case and spaces are kept: paths are identifiers, not words.
  CHECK(kb::note_id_term("English/My Note.md") == "QEnglish/My Note.md");
}

TEST_CASE("note_id_term keeps long paths within Xapian's term limit and unique",
          "[index_schema]") {
  const std::string stem(300, 'a');
  const std::string p1 = stem + "/one.md";
  const std::string p2 = stem + "/two.md";
  const std::string t1 = kb::note_id_term(p1);
  const std::string t2 = kb::note_id_term(p2);
  CHECK(t1.size() <= 245);  // glass rejects longer terms
  CHECK(t2.size() <= 245);
  CHECK(t1[0] == 'Q');
  CHECK(t1 != t2);
  CHECK(t1 == kb::note_id_term(p1));  // deterministic
  // A long path still works as a unique id in a real database.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  kb::DocumentBuilder builder;
  kb::Note n1;
  n1.path = p1;
  kb::Note n2;
  n2.path = p2;
  db.replace_document(t1, builder.build(n1));
  db.replace_document(t2, builder.build(n2));
  db.replace_document(t1, builder.build(n1));
  CHECK(db.get_doccount() == 2);
}

TEST_CASE("file_stamp is MTIME_NS SIZE", "[index_schema]") {
  CHECK(kb::file_stamp(0, 0) == "0 0");
  CHECK(kb::file_stamp(1700000000123456789, 42) == "1700000000123456789 42");
  CHECK(kb::file_stamp(-5, 7) == "-5 7");
  CHECK(kb::file_stamp(1, 2) != kb::file_stamp(12, 0));
}

TEST_CASE("Record keys are distinct per path and fit Xapian's key limit",
          "[index_schema]") {
  CHECK(kb::record_key("a.md") != kb::record_key("b.md"));
  CHECK(kb::record_key("a.md") == kb::record_key("a.md"));
  const std::string long_path = std::string(300, 'x') + ".md";
  const std::string long_other = std::string(300, 'x') + "y.md";
  CHECK(kb::record_key(long_path).size() <= 245);
  CHECK(kb::record_key(long_path) != kb::record_key(long_other));
}

namespace {

// A database as a first build has it before its first commit: created, with
// no schema and no notes. `lock` keeps the write lock held, as the builder
// does while it runs.
Xapian::WritableDatabase first_build_before_commit(const std::filesystem::path& root) {
  std::filesystem::create_directories(kb::index_dir(root));
  return Xapian::WritableDatabase(kb::database_dir(root).string(), Xapian::DB_CREATE_OR_OPEN);
}

}  // namespace

TEST_CASE("A reader racing a first build waits for its first commit and reads it",
          "[index_schema]") {
  kbtest::TempDir tmp;
  auto builder = first_build_before_commit(tmp.path());
  std::thread commits_first([&builder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    builder.set_metadata(kb::schema::kKey, kb::schema::kVersion);
    builder.commit();
  });
  // Not "built by another version", not "no index": the first commit.
  auto db = kb::open_for_reading(tmp.path());
  commits_first.join();
  REQUIRE(db.has_value());
  CHECK(db->get_doccount() == 0);
}

TEST_CASE("A first build that died before committing is 'no index yet', not another version",
          "[index_schema]") {
  kbtest::TempDir tmp;
  first_build_before_commit(tmp.path()).close();  // the lock goes with it
  auto db = kb::open_for_reading(tmp.path());
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().code() == kb::Code::kNotFound);
  CHECK(db.error().message().find("first build") != std::string::npos);
  CHECK(db.error().message().find("kbsearch index") != std::string::npos);
  // A folder made for the database, and nothing in it yet, reads the same.
  kbtest::TempDir empty;
  std::filesystem::create_directories(kb::database_dir(empty.path()));
  auto none = kb::open_for_reading(empty.path());
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().code() == kb::Code::kNotFound);
}

TEST_CASE("A first build that holds its lock without committing is reported as being built",
          "[index_schema]") {
  kbtest::TempDir tmp;
  auto builder = first_build_before_commit(tmp.path());
  auto db = kb::open_for_reading(tmp.path());  // waits its bounded time
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().code() == kb::Code::kLocked);
  CHECK(db.error().message().find("being built") != std::string::npos);
  CHECK(db.error().message().find("damaged") == std::string::npos);
}

TEST_CASE("An index of an older schema is another version, and says when it is being rebuilt",
          "[index_schema]") {
  kbtest::TempDir tmp;
  auto old = first_build_before_commit(tmp.path());
  old.set_metadata(kb::schema::kKey, "1");
  old.commit();
  auto while_rebuilt = kb::open_for_reading(tmp.path());
  REQUIRE_FALSE(while_rebuilt.has_value());
  CHECK(while_rebuilt.error().code() == kb::Code::kVersionMismatch);
  CHECK(while_rebuilt.error().message().find("being rebuilt") != std::string::npos);
  old.close();
  auto idle = kb::open_for_reading(tmp.path());
  REQUIRE_FALSE(idle.has_value());
  CHECK(idle.error().code() == kb::Code::kVersionMismatch);
  CHECK(idle.error().message().find("run `kbsearch index`") != std::string::npos);
}
