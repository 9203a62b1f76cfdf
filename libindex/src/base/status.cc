#include "kb/status.h"

namespace kb {

const char* code_name(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kNotFound: return "not-found";
    case Code::kInvalidArgument: return "invalid-argument";
    case Code::kIOError: return "io-error";
    case Code::kParseError: return "parse-error";
    case Code::kCorruption: return "corruption";
    case Code::kLocked: return "locked";
    case Code::kVersionMismatch: return "version-mismatch";
    case Code::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::to_string() const {
  if (ok()) return "ok";
  if (subject_.empty()) return message_;
  return subject_ + ": " + message_;
}

Status Status::within(std::string subject) const {
  if (ok()) return *this;
  return Status(code_, std::move(subject), to_string());
}

}  // namespace kb
