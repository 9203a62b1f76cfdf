#include "store/libgit2_functions.h"

#include <utility>

namespace kb {

namespace {

Result<Libgit2Functions> opened() {
  Libgit2Functions git;
  Result<SharedLibrary> library = SharedLibrary::open(
      KB_LIBGIT2_SONAME,
      {KB_SYMBOL(git, git_libgit2_init), KB_SYMBOL(git, git_libgit2_shutdown),
       KB_SYMBOL(git, git_error_last), KB_SYMBOL(git, git_config_new),
       KB_SYMBOL(git, git_config_free), KB_SYMBOL(git, git_repository_new),
       KB_SYMBOL(git, git_repository_open_ext), KB_SYMBOL(git, git_repository_free),
       KB_SYMBOL(git, git_repository_set_config), KB_SYMBOL(git, git_repository_workdir),
       KB_SYMBOL(git, git_repository_commondir), KB_SYMBOL(git, git_ignore_add_rule),
       KB_SYMBOL(git, git_ignore_path_is_ignored)});
  if (!library) return library.error();
  git.library = std::move(*library);
  return git;
}

}  // namespace

const Result<Libgit2Functions>& libgit2_functions() {
  return opened_once<Libgit2Functions, opened>();
}

}  // namespace kb
