// How the C API reports failure: kb::Status to kb_status_t, the thread-local
// message kb_last_error() reads, and the guard that keeps every exception
// inside the library.
#ifndef KB_SRC_CAPI_C_STATUS_H_
#define KB_SRC_CAPI_C_STATUS_H_

#include <exception>
#include <new>

#include "kb/kb_c.h"
#include "kb/status.h"

namespace kb::capi {

// Stores `message` for kb_last_error() and returns `code`. Never throws:
// when the message cannot be stored (out of memory), it is left empty.
kb_status_t fail(kb_status_t code, const char* message) noexcept;

// The C code of `status`, its to_string() stored as the message.
kb_status_t fail(const Status& status) noexcept;

// INVALID_ARGUMENT naming the NULL argument `name` of function `function`.
kb_status_t null_argument(const char* function, const char* name) noexcept;

// Runs `body` (returning kb_status_t) and turns any exception it throws
// into a status: the C API's entry points all run through it.
template <typename Body>
kb_status_t guarded_call(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(KB_STATUS_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(KB_STATUS_INTERNAL, e.what());
  } catch (...) {
    return fail(KB_STATUS_INTERNAL, "unknown exception");
  }
}

}  // namespace kb::capi

#endif  // KB_SRC_CAPI_C_STATUS_H_
