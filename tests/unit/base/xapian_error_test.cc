// Tests for xapian_error.h: every Xapian exception becomes a specific Code.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "test_util.h"
#include "base/xapian_error.h"

namespace {

template <typename E>
kb::Status map(const std::string& msg = "boom",
               const std::string& subject = "/kb/.kbsearch") {
  return kb::status_from_xapian(E(msg), subject);
}

}  // namespace

TEST_CASE("Each Xapian error type maps to its Code", "[xapian_error]") {
  using kb::Code;
  CHECK(map<Xapian::DatabaseLockError>("Unable to get write lock on /x: already locked").code() ==
        Code::kLocked);
  CHECK(map<Xapian::DatabaseCorruptError>().code() == Code::kCorruption);
  CHECK(map<Xapian::DatabaseVersionError>().code() == Code::kVersionMismatch);
  CHECK(map<Xapian::DatabaseNotFoundError>().code() == Code::kNotFound);
  CHECK(map<Xapian::DatabaseOpeningError>().code() == Code::kIOError);
  CHECK(map<Xapian::QueryParserError>().code() == Code::kParseError);
  CHECK(map<Xapian::DatabaseModifiedError>().code() == Code::kIOError);
  CHECK(map<Xapian::DatabaseError>().code() == Code::kIOError);
  CHECK(map<Xapian::DatabaseCreateError>().code() == Code::kIOError);
  CHECK(map<Xapian::DatabaseClosedError>().code() == Code::kIOError);
}

TEST_CASE("Lock errors tell another writer from a lock that cannot be taken",
          "[xapian_error]") {
  // Messages as Xapian 1.4's glass backend writes them.
  const kb::Status busy = kb::status_from_xapian(
      Xapian::DatabaseLockError("Unable to get write lock on /kb/.kbsearch/xapian: already locked"),
      "/kb/.kbsearch");
  CHECK(busy.code() == kb::Code::kLocked);
  CHECK(busy.message().find("another process") != std::string::npos);
  const kb::Status read_only = kb::status_from_xapian(
      Xapian::DatabaseLockError("Unable to get write lock on /kb/.kbsearch/xapian: Couldn't open "
                                "lockfile",
                                "", EROFS),
      "/kb/.kbsearch");
  CHECK(read_only.code() == kb::Code::kIOError);
  CHECK(read_only.message().find("another process") == std::string::npos);
  CHECK(read_only.message().find(std::strerror(EROFS)) != std::string::npos);
}

TEST_CASE("A write error names the operating system's reason", "[xapian_error]") {
  const kb::Status denied = kb::status_from_xapian(
      Xapian::DatabaseError("Error writing block 158", "", EACCES), "/kb/.kbsearch");
  CHECK(denied.code() == kb::Code::kIOError);
  CHECK(denied.message() == "Error writing block 158: " + std::string(std::strerror(EACCES)));
}

TEST_CASE("A full disk is named as such, with what to do, wherever Xapian puts the reason",
          "[xapian_error]") {
  const std::string enospc = std::strerror(ENOSPC);
  for (const kb::Status& full :
       {kb::status_from_xapian(Xapian::DatabaseError("Error writing block 158", "", ENOSPC),
                               "/kb/.kbsearch"),
        // As Xapian reports a failed commit: the reason inside the message.
        kb::status_from_xapian(
            Xapian::DatabaseError("Modifications failed (DatabaseError: Error writing block 14 (" +
                                  enospc + ")), and couldn't open at the old revision"),
            "/kb/.kbsearch")}) {
    CHECK(full.code() == kb::Code::kIOError);
    CHECK(full.subject() == "/kb/.kbsearch");
    CHECK(full.message().rfind("ENOSPC: no space left", 0) == 0);
    CHECK(full.message().find("kbsearch index") != std::string::npos);
    CHECK(full.message().find("block") != std::string::npos);  // Xapian's detail stays
  }
  const kb::Status quota = kb::status_from_xapian(
      Xapian::DatabaseError("Error writing block 7", "", EDQUOT), "/kb/.kbsearch");
  CHECK(quota.message().rfind("EDQUOT: no space left", 0) == 0);
}

TEST_CASE("Errors that are not about the index or the query are kInternal",
          "[xapian_error]") {
  using kb::Code;
  CHECK(map<Xapian::InvalidArgumentError>().code() == Code::kInternal);
  CHECK(map<Xapian::InvalidOperationError>().code() == Code::kInternal);
  CHECK(map<Xapian::UnimplementedError>().code() == Code::kInternal);
  CHECK(map<Xapian::AssertionError>().code() == Code::kInternal);
  CHECK(map<Xapian::RangeError>().code() == Code::kInternal);
  CHECK(map<Xapian::InternalError>().code() == Code::kInternal);
  CHECK(map<Xapian::SerialisationError>().code() == Code::kInternal);
  CHECK(map<Xapian::DocNotFoundError>().code() == Code::kInternal);
  CHECK(map<Xapian::FeatureUnavailableError>().code() == Code::kInternal);
}

TEST_CASE("A remote shard that does not answer, or not in time, is kIOError", "[xapian_error]") {
  // kb/shards.h: the shard is left out of the answer, named.
  CHECK(map<Xapian::NetworkError>("Couldn't connect", "wiki").code() == kb::Code::kIOError);
  CHECK(map<Xapian::NetworkTimeoutError>("Timeout expired", "wiki").code() ==
        kb::Code::kIOError);
  CHECK(map<Xapian::NetworkError>("Couldn't connect", "wiki").to_string().find(
            "wiki: no answer from the index server (Couldn't connect") == 0);
}

TEST_CASE("The mapped Status keeps the subject", "[xapian_error]") {
  CHECK(map<Xapian::DatabaseLockError>("m", "/kb/.kbsearch").subject() ==
        "/kb/.kbsearch");
  CHECK(map<Xapian::QueryParserError>("m", "a AND").subject() == "a AND");
  CHECK(map<Xapian::RangeError>("m", "").subject() == "");
}

TEST_CASE("Messages carry Xapian's detail where it helps", "[xapian_error]") {
  const std::string detail = "Bad magic number in table";
  CHECK(map<Xapian::DatabaseCorruptError>(detail).message().find(detail) !=
        std::string::npos);
  CHECK(map<Xapian::DatabaseVersionError>(detail).message().find(detail) !=
        std::string::npos);
  CHECK(map<Xapian::DatabaseOpeningError>(detail).message().find(detail) !=
        std::string::npos);
  CHECK(map<Xapian::QueryParserError>("Syntax: <expression> AND <expression>")
            .message()
            .find("Syntax") != std::string::npos);
  // An unexpected error names its type, for bug reports.
  const kb::Status internal = map<Xapian::InvalidArgumentError>("odd value");
  CHECK(internal.message().find("InvalidArgumentError") != std::string::npos);
  CHECK(internal.message().find("odd value") != std::string::npos);
  // Every mapped Status is an error.
  CHECK_FALSE(map<Xapian::DatabaseError>().ok());
}

TEST_CASE("A subclass is mapped by its own type and not by its base",
          "[xapian_error]") {
  // DatabaseVersionError and DatabaseNotFoundError derive from
  // DatabaseOpeningError; caught as the base they keep their own code.
  try {
    throw Xapian::DatabaseVersionError("too new");
  } catch (const Xapian::DatabaseOpeningError& e) {
    CHECK(kb::status_from_xapian(e, "s").code() == kb::Code::kVersionMismatch);
  }
  try {
    throw Xapian::DatabaseNotFoundError("gone");
  } catch (const Xapian::Error& e) {
    CHECK(kb::status_from_xapian(e, "s").code() == kb::Code::kNotFound);
  }
}

TEST_CASE("Errors from a real Xapian database map to the right Code",
          "[xapian_error]") {
  kbtest::TempDir tmp;
  const std::string path = (tmp.path() / "db").string();

  SECTION("opening a database that does not exist") {
    try {
      Xapian::Database db(path);
      FAIL("opening a missing database did not throw");
    } catch (const Xapian::Error& e) {
      const kb::Code code = kb::status_from_xapian(e, path).code();
      CHECK((code == kb::Code::kNotFound || code == kb::Code::kIOError));
    }
  }
  SECTION("a second writer") {
    Xapian::WritableDatabase first(path, Xapian::DB_CREATE_OR_OPEN);
    try {
      Xapian::WritableDatabase second(path, Xapian::DB_CREATE_OR_OPEN);
      FAIL("a second writer was allowed");
    } catch (const Xapian::Error& e) {
      CHECK(kb::status_from_xapian(e, path).code() == kb::Code::kLocked);
    }
  }
  SECTION("a damaged database") {
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
      Xapian::Document doc;
      doc.add_term("x");
      db.add_document(doc);
      db.commit();
    }
    // Overwrite the version file with garbage.
    kbtest::write_file(std::filesystem::path(path) / "iamglass",
                       "this is not a glass version file at all");
    try {
      Xapian::Database db(path);
      FAIL("a damaged database opened");
    } catch (const Xapian::Error& e) {
      const kb::Code code = kb::status_from_xapian(e, path).code();
      CHECK((code == kb::Code::kCorruption ||
             code == kb::Code::kVersionMismatch));
    }
  }
}

TEST_CASE("reading_latest reopens after DatabaseModifiedError, a few times at most",
          "[xapian_error]") {
  kbtest::TempDir tmp;
  const std::string path = (tmp.path() / "db").string();
  Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
  writer.add_document(Xapian::Document());
  writer.commit();
  Xapian::Database reader(path);
  writer.add_document(Xapian::Document());
  writer.commit();
  REQUIRE(reader.get_doccount() == 1);  // the revision it opened

  int calls = 0;
  const auto outrun_once = [&] {
    if (++calls == 1) throw Xapian::DatabaseModifiedError("revision gone");
    return reader.get_doccount();
  };
  CHECK(kb::reading_latest(reader, outrun_once) == 2);  // reopened: the latest
  CHECK(calls == 2);

  calls = 0;
  const auto always_outrun = [&]() -> Xapian::doccount {
    ++calls;
    throw Xapian::DatabaseModifiedError("revision gone");
  };
  CHECK_THROWS_AS(kb::reading_latest(reader, always_outrun), Xapian::DatabaseModifiedError);
  CHECK(calls == 3);
}
