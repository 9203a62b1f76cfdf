// The one place where Xapian exceptions become kb::Status values.
#ifndef KB_SRC_XAPIAN_ERROR_H_
#define KB_SRC_XAPIAN_ERROR_H_

#include <xapian.h>

#include <string>

#include "kb/status.h"

namespace kb {

// Maps `error` to a Status with a specific code: a lock error to kLocked, a
// corrupt database to kCorruption, a version or format error to
// kVersionMismatch, a failed open to kNotFound or kIOError, a query syntax
// error to kParseError. `subject` names the index folder or the query.
Status status_from_xapian(const Xapian::Error& error, const std::string& subject);

}  // namespace kb

#endif  // KB_SRC_XAPIAN_ERROR_H_
