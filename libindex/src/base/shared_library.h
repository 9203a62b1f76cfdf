// SharedLibrary: a shared library opened while the program runs (dlopen),
// for the dependencies only some calls need. libgit2 (ignore rules) and
// Graphviz (graph drawing) bring some thirty libraries with them; linked,
// the dynamic loader maps and relocates them all at every start, which
// costs a search that needs neither three times its own work. Opened on
// first use instead (as systemd opens its optional libraries), a program
// pays for them only when it uses them, and a library that cannot be
// loaded is an error value of that one call, not a program that cannot
// start.
//
// Callers keep compiling against the library's own header: a function
// pointer's type is decltype(&the_function), so the compiler checks every
// call against the real declaration, and the SONAME comes from the build
// (libindex/CMakeLists.txt reads it from the library pkg-config finds).
//
// A SharedLibrary is moved, not copied; one object may be used by many
// threads at once (dlsym is thread-safe).
#ifndef KB_SRC_BASE_SHARED_LIBRARY_H_
#define KB_SRC_BASE_SHARED_LIBRARY_H_

#include <initializer_list>
#include <string>
#include <utility>

#include "kb/status.h"

namespace kb {

class SharedLibrary {
 public:
  // One function to look up by name, and where to put its address, typed
  // as the pointer is (F is a function type).
  class Symbol {
   public:
    template <typename F>
    Symbol(const char* name, F** function)
        : name_(name), function_(function), set_([](void* slot, void* address) {
            *static_cast<F**>(slot) = reinterpret_cast<F*>(address);
          }) {}

   private:
    friend class SharedLibrary;
    const char* name_;
    void* function_;
    void (*set_)(void* slot, void* address);
  };

  // Opens the library `soname` ("libgit2.so.1.5"; a path works too) with
  // every symbol bound now (RTLD_NOW: a library that lacks what it needs
  // fails here, not at some later call) and none of them made visible to
  // other libraries (RTLD_LOCAL). A library the process has already loaded
  // is shared, not loaded twice. An error is kInternal, with the soname as
  // subject and dlerror()'s message, which says why (no such file, a
  // library it needs missing, a wrong architecture).
  static Result<SharedLibrary> open(const std::string& soname);

  // Opens `soname` and sets each function of `symbols`; the first one it
  // lacks is the error, as find() says, and the library is closed again.
  static Result<SharedLibrary> open(const std::string& soname,
                                    std::initializer_list<Symbol> symbols);

  // Holds no library, as a moved-from one: a place to move one into.
  SharedLibrary() = default;
  SharedLibrary(SharedLibrary&& other) noexcept;
  SharedLibrary& operator=(SharedLibrary&& other) noexcept;
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;
  // Closes the library (the process's last handle to it unloads it): the
  // pointers found in it must not be called after. Keep it as long as them.
  ~SharedLibrary();

  // Sets each function of `symbols` to its address in the library, or
  // returns, for the first one it lacks, a kInternal error with the soname
  // as subject and dlerror()'s message (which names the symbol). The
  // functions set before the failure keep their addresses. A SharedLibrary
  // that holds none finds nothing (an error).
  Status find(std::initializer_list<Symbol> symbols) const;

  const std::string& soname() const { return soname_; }

 private:
  SharedLibrary(std::string soname, void* handle) : soname_(std::move(soname)), handle_(handle) {}

  std::string soname_;
  void* handle_ = nullptr;  // dlopen()'s, null once moved from
};

// What `open` returns (a struct of functions and the libraries that hold
// them, or why they cannot be had), made the first time any thread asks,
// once for the process: other threads wait meanwhile, as C++ makes them
// wait for a function-local static (what std::call_once would do). Never
// destroyed, so the libraries are never closed: their functions may be
// called until the process's last moment (by destructors of statics, by
// the libraries' own exit handlers), and LeakSanitizer, which looks after
// the static destructors, still tells their allocations by library.
template <typename Functions, Result<Functions> (*open)()>
const Result<Functions>& opened_once() {
  static const auto* const functions = new Result<Functions>(open());
  return *functions;
}

// A Symbol for the function pointer `table.name`, looked up by that same
// name: the field is declared as decltype(&::name), so one spelling names
// the function, its type and the text dlsym() looks for.
#define KB_SYMBOL(table, name) ::kb::SharedLibrary::Symbol(#name, &(table).name)

}  // namespace kb

#endif  // KB_SRC_BASE_SHARED_LIBRARY_H_
