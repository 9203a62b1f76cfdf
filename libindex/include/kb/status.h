// Status and Result<T>: how every fallible kb:: call reports failure.
//
// The library never lets an exception escape its public API. A call that can
// fail returns a Status (for side effects) or a Result<T> (for a value). A
// Status names what went wrong (code), what it went wrong on (subject: a file
// path, a query, a directory) and a human message.
//
// Both are plain values with no shared state: a copy may go to another
// thread; one object is read by many threads at once or written by one.
#ifndef KB_STATUS_H_
#define KB_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kb {

enum class Code {
  kOk = 0,
  kNotFound,         // a file, folder or index that does not exist
  kInvalidArgument,  // the caller passed something unusable
  kIOError,          // the operating system refused a read or write
  kParseError,       // a malformed query
  kCorruption,       // the index is damaged
  kLocked,           // another process holds the index for writing
  kVersionMismatch,  // the index was written by an incompatible version
  kInternal,         // a bug or an unexpected library failure
};

// Returns a stable lower-case name for `code`, e.g. "io-error".
const char* code_name(Code code);

class Status {
 public:
  // An OK status.
  Status() = default;

  static Status ok_status() { return Status(); }
  static Status not_found(std::string subject, std::string message) {
    return Status(Code::kNotFound, std::move(subject), std::move(message));
  }
  static Status invalid_argument(std::string subject, std::string message) {
    return Status(Code::kInvalidArgument, std::move(subject),
                  std::move(message));
  }
  static Status io_error(std::string subject, std::string message) {
    return Status(Code::kIOError, std::move(subject), std::move(message));
  }
  static Status parse_error(std::string subject, std::string message) {
    return Status(Code::kParseError, std::move(subject), std::move(message));
  }
  static Status corruption(std::string subject, std::string message) {
    return Status(Code::kCorruption, std::move(subject), std::move(message));
  }
  static Status locked(std::string subject, std::string message) {
    return Status(Code::kLocked, std::move(subject), std::move(message));
  }
  static Status version_mismatch(std::string subject, std::string message) {
    return Status(Code::kVersionMismatch, std::move(subject),
                  std::move(message));
  }
  static Status internal(std::string subject, std::string message) {
    return Status(Code::kInternal, std::move(subject), std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The path, query or argument at fault; may be empty.
  const std::string& subject() const { return subject_; }
  const std::string& message() const { return message_; }

  // "SUBJECT: MESSAGE", or "MESSAGE" without a subject, or "ok".
  std::string to_string() const;

  // The same error with `subject` as its subject and to_string() as its
  // message: an error met inside a larger thing (one shard of several)
  // named by that thing. An OK status stays OK.
  Status within(std::string subject) const;

 private:
  Status(Code code, std::string subject, std::string message)
      : code_(code), subject_(std::move(subject)), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string subject_;
  std::string message_;
};

// Either a T or a non-OK Status. Member names follow std::expected so that
// the type can be swapped for it once the project moves to C++23.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok()
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).ok());
  }

  bool has_value() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value()
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !has_value()
  const Status& error() const { return std::get<Status>(state_); }

  // OK when a value is held, the error otherwise.
  Status status() const { return has_value() ? Status() : error(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace kb

#endif  // KB_STATUS_H_
