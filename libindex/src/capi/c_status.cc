#include "capi/c_status.h"

#include <string>
#include <string_view>

#include "kb/version.h"

namespace kb::capi {
namespace {

// Per thread, so that kb_open(), which makes no handle on failure, has a
// message too, and two threads with two handles never see each other's.
thread_local std::string last_error;

kb_status_t code_of(Code code) {
  switch (code) {
    case Code::kOk: return KB_STATUS_SUCCESS;
    case Code::kNotFound: return KB_STATUS_NOT_FOUND;
    case Code::kInvalidArgument: return KB_STATUS_INVALID_ARGUMENT;
    case Code::kIOError: return KB_STATUS_IO_ERROR;
    case Code::kParseError: return KB_STATUS_PARSE_ERROR;
    case Code::kCorruption: return KB_STATUS_CORRUPTION;
    case Code::kLocked: return KB_STATUS_LOCKED;
    case Code::kVersionMismatch: return KB_STATUS_VERSION_MISMATCH;
    case Code::kInternal: return KB_STATUS_INTERNAL;
  }
  return KB_STATUS_INTERNAL;
}

void store(std::string_view message) noexcept {
  try {
    last_error.assign(message);
  } catch (...) {
    last_error.clear();
  }
}

}  // namespace

kb_status_t fail(kb_status_t code, const char* message) noexcept {
  store(message);
  return code;
}

kb_status_t fail(const Status& status) noexcept {
  try {
    store(status.to_string());
  } catch (...) {
    last_error.clear();
  }
  return code_of(status.code());
}

kb_status_t null_argument(const char* function, const char* name) noexcept {
  try {
    store(std::string(function) + ": " + name + " is NULL");
  } catch (...) {
    last_error.clear();
  }
  return KB_STATUS_INVALID_ARGUMENT;
}

}  // namespace kb::capi

extern "C" {

const char* kb_status_to_string(kb_status_t status) {
  switch (status) {
    case KB_STATUS_SUCCESS: return kb::code_name(kb::Code::kOk);
    case KB_STATUS_NOT_FOUND: return kb::code_name(kb::Code::kNotFound);
    case KB_STATUS_INVALID_ARGUMENT: return kb::code_name(kb::Code::kInvalidArgument);
    case KB_STATUS_IO_ERROR: return kb::code_name(kb::Code::kIOError);
    case KB_STATUS_PARSE_ERROR: return kb::code_name(kb::Code::kParseError);
    case KB_STATUS_CORRUPTION: return kb::code_name(kb::Code::kCorruption);
    case KB_STATUS_LOCKED: return kb::code_name(kb::Code::kLocked);
    case KB_STATUS_VERSION_MISMATCH: return kb::code_name(kb::Code::kVersionMismatch);
    case KB_STATUS_INTERNAL: return kb::code_name(kb::Code::kInternal);
    case KB_STATUS_OUT_OF_MEMORY: return "out-of-memory";
  }
  return "unknown";
}

const char* kb_last_error(void) { return kb::capi::last_error.c_str(); }

const char* kb_version(void) { return kb::version(); }

}  // extern "C"
