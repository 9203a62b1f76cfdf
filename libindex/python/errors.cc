#include "errors.h"

#include <exception>
#include <map>
#include <string>

#include "python_text.h"

namespace py = pybind11;

namespace kbpy {
namespace {

struct ErrorClass {
  kb::Code code;
  const char* name;
  // Python's own exception a caller may catch it as too, or none.
  PyObject* builtin;
  const char* doc;
};

// The exception classes by code; created once, by define_errors(), and
// kept for the interpreter's life (the module holds them as well).
std::map<kb::Code, py::object>& classes() {
  static auto* by_code = new std::map<kb::Code, py::object>();
  return *by_code;
}

void raise(const kb::Status& status) {
  auto found = classes().find(status.code());
  py::object cls = found != classes().end() ? found->second : classes().at(kb::Code::kInternal);
  // The subject may be a note path, whose bytes need not be UTF-8; the
  // text is Status::to_string()'s, "SUBJECT: MESSAGE".
  // The message may quote a file name's bytes that are not UTF-8: decoded
  // as paths are, so that making the exception cannot fail itself.
  py::str subject = path_to_str(status.subject());
  py::str message = path_to_str(status.message());
  py::str text = status.subject().empty() ? message : py::str("{}: {}").format(subject, message);
  py::object error = cls(text);
  error.attr("code") = kb::code_name(status.code());
  error.attr("subject") = subject;
  error.attr("message") = message;
  PyErr_SetObject(cls.ptr(), error.ptr());
}

}  // namespace

void define_errors(py::module_& module) {
  py::object base = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "kbsearch.Error",
      "What a kbsearch call failed with.\n\n"
      "Attributes: code (a stable name: \"not-found\", \"invalid-argument\",\n"
      "\"io-error\", \"parse-error\", \"corruption\", \"locked\",\n"
      "\"version-mismatch\", \"internal\"), subject (the path, query or\n"
      "argument at fault; \"\" when none) and message. Each code has its own\n"
      "subclass.",
      PyExc_Exception, nullptr));
  if (!base) throw py::error_already_set();
  module.attr("Error") = base;

  // QueryError, not ParseError: kParseError is only ever a malformed query
  // (a note's broken front matter is a warning, never an exception), and
  // the name says what to fix. IndexIOError, not IOError: IOError is a
  // builtin (OSError's old name) and must not be shadowed.
  const ErrorClass subclasses[] = {
      {kb::Code::kNotFound, "NotFoundError", PyExc_LookupError,
       "A note, folder or index that does not exist (also a LookupError)."},
      {kb::Code::kInvalidArgument, "InvalidArgumentError", PyExc_ValueError,
       "An argument the call cannot use, e.g. an empty query or one past the\n"
       "query limits (also a ValueError)."},
      {kb::Code::kIOError, "IndexIOError", nullptr,
       "The operating system refused a read or write of the index or a note."},
      {kb::Code::kParseError, "QueryError", PyExc_ValueError,
       "A malformed query; .subject is the query, the message names the\n"
       "part at fault (also a ValueError)."},
      {kb::Code::kCorruption, "CorruptionError", nullptr,
       "The index is damaged: KB(path, rebuild=True) builds it anew."},
      {kb::Code::kLocked, "LockedError", nullptr,
       "Another process is writing the index (the message names it)."},
      {kb::Code::kVersionMismatch, "VersionMismatchError", nullptr,
       "The index was written by an incompatible version of kbsearch:\n"
       "refresh() or KB(path, rebuild=True) builds it anew."},
      {kb::Code::kInternal, "InternalError", nullptr,
       "A bug or an unexpected failure inside the library."},
  };
  for (const ErrorClass& sub : subclasses) {
    py::object bases = sub.builtin != nullptr
                           ? py::object(py::make_tuple(base, py::handle(sub.builtin)))
                           : base;
    const std::string qualified = std::string("kbsearch.") + sub.name;
    py::object cls = py::reinterpret_steal<py::object>(
        PyErr_NewExceptionWithDoc(qualified.c_str(), sub.doc, bases.ptr(), nullptr));
    if (!cls) throw py::error_already_set();
    module.attr(sub.name) = cls;
    classes()[sub.code] = cls;
  }

  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const StatusError& e) {
      raise(e.status);
    }
  });
}

}  // namespace kbpy
