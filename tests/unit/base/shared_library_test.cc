// Tests for base/shared_library.h: a real library opened and a function of
// it called, and a clear error value for each way that can fail.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "base/shared_library.h"

namespace {

// Functions of libm, typed as <math.h> declares them (spelled out here:
// C++'s overloads make decltype(&::cos) ambiguous).
struct MathFunctions {
  double (*cos)(double) = nullptr;
  double (*sqrt)(double) = nullptr;
  double (*kb_no_such_function)(double) = nullptr;
};

}  // namespace

TEST_CASE("A library opens by soname, its functions are found and called", "[shared_library]") {
  MathFunctions math;
  kb::Result<kb::SharedLibrary> libm =
      kb::SharedLibrary::open("libm.so.6", {KB_SYMBOL(math, cos), KB_SYMBOL(math, sqrt)});
  REQUIRE(libm.has_value());
  CHECK(libm->soname() == "libm.so.6");
  REQUIRE(math.cos != nullptr);
  REQUIRE(math.sqrt != nullptr);
  CHECK(math.cos(0.0) == 1.0);
  CHECK(math.sqrt(81.0) == 9.0);

  // Moved, it is still open: the functions still work.
  kb::SharedLibrary moved = std::move(*libm);
  CHECK(moved.soname() == "libm.so.6");
  CHECK(math.sqrt(4.0) == 2.0);
}

TEST_CASE("What cannot be opened or found is an error naming the library and the reason",
          "[shared_library]") {
  struct Row {
    const char* what;
    const char* soname;
    bool with_missing_function;
    const char* reason;  // in the message, after the soname
  };
  const Row rows[] = {
      {"no such library", "libkb-no-such-library.so.9", false,
       "cannot open shared object file: No such file or directory"},
      {"a file that is no library", "/etc/passwd", false, "invalid ELF header"},
      {"a function the library lacks", "libm.so.6", true, "undefined symbol: kb_no_such_function"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    MathFunctions math;
    kb::Result<kb::SharedLibrary> library =
        row.with_missing_function
            ? kb::SharedLibrary::open(row.soname,
                                      {KB_SYMBOL(math, cos), KB_SYMBOL(math, kb_no_such_function)})
            : kb::SharedLibrary::open(row.soname);
    REQUIRE_FALSE(library.has_value());
    const kb::Status& error = library.error();
    CHECK(error.code() == kb::Code::kInternal);
    CHECK(error.subject() == row.soname);
    CHECK(error.message() == row.reason);
    // dlerror() names the library too: said once, as the subject.
    CHECK(error.to_string() == std::string(row.soname) + ": " + row.reason);
    CHECK(math.kb_no_such_function == nullptr);
  }
}

TEST_CASE("find() sets the functions before the one that is missing, and says which",
          "[shared_library]") {
  kb::Result<kb::SharedLibrary> libm = kb::SharedLibrary::open("libm.so.6");
  REQUIRE(libm.has_value());
  MathFunctions math;
  const kb::Status found = libm->find(
      {KB_SYMBOL(math, cos), KB_SYMBOL(math, kb_no_such_function), KB_SYMBOL(math, sqrt)});
  CHECK(found.code() == kb::Code::kInternal);
  CHECK(found.message() == "undefined symbol: kb_no_such_function");
  CHECK(math.cos != nullptr);
  CHECK(math.sqrt == nullptr);
  CHECK(libm->find({KB_SYMBOL(math, sqrt)}).ok());
  CHECK(math.sqrt != nullptr);
}

TEST_CASE("A library held by none is moved into", "[shared_library]") {
  kb::SharedLibrary library;
  CHECK(library.soname().empty());
  kb::Result<kb::SharedLibrary> libm = kb::SharedLibrary::open("libm.so.6");
  REQUIRE(libm.has_value());
  library = std::move(*libm);
  CHECK(library.soname() == "libm.so.6");
  MathFunctions math;
  CHECK(library.find({KB_SYMBOL(math, cos)}).ok());
  CHECK(math.cos(0.0) == 1.0);
}

TEST_CASE("An empty library finds nothing, not the process's own symbols", "[shared_library]") {
  // dlsym(nullptr, ...) would search every loaded library (RTLD_DEFAULT).
  const kb::SharedLibrary none;
  MathFunctions math;
  const kb::Status found = none.find({KB_SYMBOL(math, cos)});
  CHECK(found.code() == kb::Code::kInternal);
  CHECK(found.message() == "no library is open");
  CHECK(math.cos == nullptr);
}

namespace {

// As libgit2_functions.h does it: the library and what was found in it.
struct Libm {
  kb::SharedLibrary library;
  double (*cos)(double) = nullptr;
};

int opens = 0;

kb::Result<Libm> open_libm() {
  ++opens;
  Libm libm;
  kb::Result<kb::SharedLibrary> library =
      kb::SharedLibrary::open("libm.so.6", {KB_SYMBOL(libm, cos)});
  if (!library) return library.error();
  libm.library = std::move(*library);
  return libm;
}

}  // namespace

TEST_CASE("opened_once() opens once, whoever asks, and answers the same every time",
          "[shared_library]") {
  std::vector<const kb::Result<Libm>*> answers(4);
  std::vector<std::thread> threads;
  for (const kb::Result<Libm>*& answer : answers) {
    threads.emplace_back([&answer] { answer = &kb::opened_once<Libm, open_libm>(); });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(opens == 1);
  for (const kb::Result<Libm>* answer : answers) CHECK(answer == answers[0]);
  REQUIRE(answers[0]->has_value());
  CHECK((*answers[0])->cos(0.0) == 1.0);
  CHECK(&kb::opened_once<Libm, open_libm>() == answers[0]);
  CHECK(opens == 1);
}
