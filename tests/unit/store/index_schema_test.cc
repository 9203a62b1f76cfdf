// Tests for index_schema.h: how notes are keyed in the index and where it
// lives.
#include <catch2/catch.hpp>

#include <vector>

#include <xapian.h>

#include <chrono>
#include <string>
#include <thread>

#include "kb/index.h"
#include "store/document_builder.h"
#include "store/index_folder.h"
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

TEST_CASE("file stamps round-trip, and anything else decodes to nothing", "[index_schema]") {
  const std::vector<kb::FileStamp> stamps = {
      {0, 0, 0},
      {1700000000123456789, 42, 18446744073709551615u},
      {-5, 7, 1},
  };
  for (const kb::FileStamp& stamp : stamps) {
    CAPTURE(stamp.mtime_ns, stamp.size, stamp.content_hash);
    CHECK(kb::decode_file_stamp(kb::encode_file_stamp(stamp)) == stamp);
  }
  CHECK(kb::encode_file_stamp({1, 2, 3}) != kb::encode_file_stamp({12, 0, 3}));
  // The stamp of schema 15 and before had no hash: such notes are re-read.
  for (const char* value : {"", "1700000000 42", "1 2 3 4", "1 2 x", "a b c"}) {
    CAPTURE(value);
    CHECK_FALSE(kb::decode_file_stamp(value).has_value());
  }
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

// What Index::open does for a first build once it holds the lock: an empty
// generation of schema `schema`, made current.
void make_generation(const std::filesystem::path& root, const std::string& schema) {
  Xapian::WritableDatabase db((kb::index_dir(root) / "xapian-1").string(),
                              Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  db.set_metadata(kb::schema::kKey, schema);
  db.commit();
  REQUIRE(kb::switch_generation(root, "xapian-1").ok());
}

kb::WriterLock hold_lock(const std::filesystem::path& root) {
  std::filesystem::create_directories(kb::index_dir(root));
  return std::move(kb::WriterLock::acquire(root, std::chrono::milliseconds(0)).value());
}

}  // namespace

TEST_CASE("A reader racing a first build waits for its first generation and reads it",
          "[index_schema]") {
  kbtest::TempDir tmp;
  kb::WriterLock lock = hold_lock(tmp.path());
  std::thread builds([&tmp] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    make_generation(tmp.path(), kb::schema::kVersion);
  });
  // Not "no index here": the first generation.
  auto db = kb::open_for_reading(tmp.path());
  builds.join();
  REQUIRE(db.has_value());
  CHECK(db->get_doccount() == 0);
}

TEST_CASE("A first build that died before its first generation is 'no index here'",
          "[index_schema]") {
  kbtest::TempDir tmp;
  { kb::WriterLock gone_with_its_process = hold_lock(tmp.path()); }
  auto db = kb::open_for_reading(tmp.path());
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().code() == kb::Code::kNotFound);
  CHECK(db.error().message().find("kbsearch index") != std::string::npos);
}

TEST_CASE("A writer that holds its lock with no generation yet is reported as building",
          "[index_schema]") {
  kbtest::TempDir tmp;
  kb::WriterLock lock = hold_lock(tmp.path());
  auto db = kb::open_for_reading(tmp.path());  // waits its bounded time
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().code() == kb::Code::kLocked);
  CHECK(db.error().message().find("being built") != std::string::npos);
  CHECK(db.error().message().find("damaged") == std::string::npos);
}

TEST_CASE("An index of an older schema, or of the old layout, is another version",
          "[index_schema]") {
  kbtest::TempDir tmp;
  std::filesystem::create_directories(kb::index_dir(tmp.path()));
  make_generation(tmp.path(), "1");
  auto older = kb::open_for_reading(tmp.path());
  REQUIRE_FALSE(older.has_value());
  CHECK(older.error().code() == kb::Code::kVersionMismatch);
  CHECK(older.error().message().find("run `kbsearch index`") != std::string::npos);

  kbtest::TempDir legacy;
  kbtest::write_file(kb::legacy_database_dir(legacy.path()) / "iamglass", "schema 15");
  auto old_layout = kb::open_for_reading(legacy.path());
  REQUIRE_FALSE(old_layout.has_value());
  CHECK(old_layout.error().code() == kb::Code::kVersionMismatch);
  CHECK(old_layout.error().message().find("run `kbsearch index`") != std::string::npos);
}
