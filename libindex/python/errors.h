// The kbsearch.Error family: every non-OK kb::Status becomes one of them.
//
// kbsearch.Error has .code (kb::code_name(), "parse-error"), .subject (the
// path, query or argument at fault, "" when none) and .message; str() of the
// exception is Status::to_string(). One subclass per code, so that a caller
// catches what it can handle.
#ifndef KB_PYTHON_ERRORS_H_
#define KB_PYTHON_ERRORS_H_

#include <pybind11/pybind11.h>

#include <utility>

#include "kb/status.h"

namespace kbpy {

// Thrown by the binding's C++ code, turned into the matching kbsearch
// exception by the translator define_errors() registers.
struct StatusError {
  kb::Status status;
};

// Adds Error and its subclasses to `module`, and the translator.
void define_errors(pybind11::module_& module);

// The value of `result`, or throws StatusError with its error.
template <typename T>
T unwrap(kb::Result<T>&& result) {
  if (!result) throw StatusError{result.error()};
  return std::move(result).value();
}

inline void check(const kb::Status& status) {
  if (!status.ok()) throw StatusError{status};
}

}  // namespace kbpy

#endif  // KB_PYTHON_ERRORS_H_
