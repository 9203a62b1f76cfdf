#include "base/xapian_error.h"

namespace kb {

Status status_from_xapian(const Xapian::Error& error,
                          const std::string& subject) {
  // Xapian::Error is not polymorphic; its class name is in get_type().
  const std::string type = error.get_type();
  const std::string message = error.get_msg();
  if (type == "DatabaseLockError") {
    return Status::locked(subject,
                          "the index is being written by another process");
  }
  if (type == "DatabaseCorruptError") {
    return Status::corruption(subject, "the index is damaged (" + message +
                                           "); delete it and run `index`");
  }
  if (type == "DatabaseVersionError") {
    return Status::version_mismatch(
        subject, "the index has an unsupported format (" + message + ")");
  }
  if (type == "DatabaseNotFoundError") {
    return Status::not_found(subject, "no index here");
  }
  if (type == "DatabaseOpeningError") {
    return Status::io_error(subject, "cannot open the index (" + message + ")");
  }
  if (type == "QueryParserError") {
    return Status::parse_error(subject, message);
  }
  if (type == "DatabaseModifiedError") {
    return Status::io_error(subject,
                            "the index changed while reading; try again");
  }
  if (type == "DatabaseError" || type == "DatabaseCreateError" ||
      type == "DatabaseClosedError") {
    return Status::io_error(subject, message);
  }
  return Status::internal(subject, type + ": " + message);
}

}  // namespace kb
