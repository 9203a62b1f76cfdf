#include "base/xapian_error.h"

#include <cerrno>
#include <cstring>

namespace kb {

Status status_from_xapian(const Xapian::Error& error,
                          const std::string& subject) {
  // Xapian::Error is not polymorphic; its class name is in get_type().
  const std::string type = error.get_type();
  // The operating system's reason, when Xapian has one ("No space left on
  // device" for "Error writing block 158").
  const char* why = error.get_error_string();
  const std::string message = error.get_msg() + (why != nullptr ? std::string(": ") + why : "");
  // A full disk fails whichever write comes first, under several types and
  // with the reason deep in the message ("Error writing block 158 (No space
  // left on device)"): the one thing to say is what to free, and where.
  for (const int full : {ENOSPC, EDQUOT}) {
    if (message.find(std::strerror(full)) != std::string::npos) {
      return Status::io_error(
          subject, std::string(full == ENOSPC ? "ENOSPC" : "EDQUOT") +
                       ": no space left on the disk holding the index; free some and run "
                       "`kbsearch index` again, the index keeps its last commit (" +
                       message + ")");
    }
  }
  if (type == "DatabaseLockError") {
    // Only "already locked" means another writer; a lock file that cannot
    // be made (a read-only knowledge base) or a file system without locks
    // is not someone else's fault.
    if (message.find("already locked") != std::string::npos) {
      return Status::locked(subject, "the index is being written by another process");
    }
    return Status::io_error(subject, "cannot lock the index for writing (" + message +
                                         "): is the knowledge base read-only?");
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
  if (type == "NetworkError" || type == "NetworkTimeoutError") {
    // A remote shard (kb/shards.h) that is down, or slower than its timeout.
    return Status::io_error(subject, "no answer from the index server (" + message + ")");
  }
  if (type == "DatabaseError" || type == "DatabaseCreateError" ||
      type == "DatabaseClosedError") {
    return Status::io_error(subject, message);
  }
  return Status::internal(subject, type + ": " + message);
}

}  // namespace kb
