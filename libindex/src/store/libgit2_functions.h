// The libgit2 functions that the ignore rules (store/ignore_rules.cc) call,
// found in libgit2 opened on first use (base/shared_library.h), not linked:
// libgit2 and the twenty libraries it needs (OpenSSL, Kerberos, libssh2,
// ...) were half of every start of kbsearch, and only a crawl that meets a
// rule besides the default excludes, or a git work tree, needs it. Each
// pointer has the type of the
// function <git2.h> declares, so calls through it are checked as direct
// calls would be.
#ifndef KB_SRC_STORE_LIBGIT2_FUNCTIONS_H_
#define KB_SRC_STORE_LIBGIT2_FUNCTIONS_H_

#include <git2.h>
#include <git2/sys/repository.h>

#include "base/shared_library.h"
#include "kb/status.h"

namespace kb {

struct Libgit2Functions {
  SharedLibrary library;  // keeps the functions below loaded
  decltype(&::git_libgit2_init) git_libgit2_init = nullptr;
  decltype(&::git_libgit2_shutdown) git_libgit2_shutdown = nullptr;
  decltype(&::git_error_last) git_error_last = nullptr;
  decltype(&::git_config_new) git_config_new = nullptr;
  decltype(&::git_config_free) git_config_free = nullptr;
  decltype(&::git_repository_new) git_repository_new = nullptr;
  decltype(&::git_repository_open_ext) git_repository_open_ext = nullptr;
  decltype(&::git_repository_free) git_repository_free = nullptr;
  decltype(&::git_repository_set_config) git_repository_set_config = nullptr;
  decltype(&::git_repository_workdir) git_repository_workdir = nullptr;
  decltype(&::git_repository_commondir) git_repository_commondir = nullptr;
  decltype(&::git_ignore_add_rule) git_ignore_add_rule = nullptr;
  decltype(&::git_ignore_path_is_ignored) git_ignore_path_is_ignored = nullptr;
};

// The functions, libgit2 (the SONAME KB_LIBGIT2_SONAME the build found)
// opened the first time any thread asks, once for the process, and kept
// open until it exits; or, as a kInternal error naming that SONAME with
// dlerror()'s message, why it cannot be opened or lacks one of them. Every
// later call returns the same answer. Thread-safe.
const Result<Libgit2Functions>& libgit2_functions();

}  // namespace kb

#endif  // KB_SRC_STORE_LIBGIT2_FUNCTIONS_H_
