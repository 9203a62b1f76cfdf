#ifndef KB_SRC_XAPIAN_ERROR_H_
#define KB_SRC_XAPIAN_ERROR_H_

#include <xapian.h>

#include <exception>
#include <new>
#include <string>

#include "kb/status.h"

namespace kb {

// The one place where exceptions from the libraries below (Xapian, the
// standard library, yaml-cpp) and from callers' callbacks become Status
// values, so that none crosses the public API.

// Maps `error` to a Status with a specific code: a lock error to kLocked, a
// corrupt database to kCorruption, a version or format error to
// kVersionMismatch, a failed open to kNotFound or kIOError, a query syntax
// error to kParseError. `subject` names the index folder or the query.
Status status_from_xapian(const Xapian::Error& error, const std::string& subject);

// Runs `body` (which returns a Status or a Result) and returns what it
// returns, or the Status for the exception it threw: Xapian errors through
// status_from_xapian(), anything else (a throwing Env or callback, too) as
// kInternal.
template <typename Body>
auto guarded(const std::string& subject, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Xapian::Error& e) {
    return status_from_xapian(e, subject);
  } catch (const std::bad_alloc&) {
    return Status::internal(subject, "out of memory");
  } catch (const std::exception& e) {
    return Status::internal(subject, e.what());
  } catch (...) {
    return Status::internal(subject, "unknown exception");
  }
}

// Runs `body` on the reader `db`, and when the writer has committed so
// often meanwhile that the revision `db` reads is gone
// (DatabaseModifiedError), moves `db` to the latest revision and runs it
// again, a few times at most: searches go on working while an index is
// being built. Other errors, and the last try's, are thrown as they come.
template <typename Body>
auto reading_latest(Xapian::Database& db, Body&& body) -> decltype(body()) {
  constexpr int kTries = 3;
  for (int attempt = 1;; ++attempt) {
    try {
      return body();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kTries) throw;
      db.reopen();
    }
  }
}

}  // namespace kb

#endif  // KB_SRC_XAPIAN_ERROR_H_
