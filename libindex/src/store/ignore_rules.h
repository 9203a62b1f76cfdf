// Ignore rules: which folders and notes of a knowledge base the crawler
// skips, by the rules git itself would apply, matched by libgit2.
//
// Rules come from, lowest precedence first (a later rule that matches a
// path decides, as in git):
//   1. the default list (kb/crawler.h, default_excludes()),
//   2. the caller's exclude patterns, relative to the root,
//   3. `.git/info/exclude`, when the knowledge base is in a git work tree,
//   4. the `.gitignore` files of that work tree above the root,
//   5. inside the root, each folder's `.gitignore` then its `.kbignore`, a
//      folder's before those of the folders below it.
// A user's global git excludes (core.excludesFile) are not read: what is
// indexed depends on the knowledge base, not on who indexes it.
//
// libgit2's own lookup of `.gitignore` files is not used: it gives a parent
// folder's file precedence over a nested one, drops a nested `!keep.md`
// that negates a rule of a parent folder's file, and knows no `.kbignore`.
// Instead every rule is rewritten to the root of one frame (the git work
// tree, or the knowledge base when it is in none) with the folder of its
// file written in front, as git scopes it ("x" in `a/.gitignore` is
// "/a/**/x", "b/y" is "/a/b/y"), and added in precedence order to an
// in-memory repository, whose matcher then decides. tests/unit/store
// compares the result with `git ls-files` on the same trees.
#ifndef KB_SRC_STORE_IGNORE_RULES_H_
#define KB_SRC_STORE_IGNORE_RULES_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kb/diagnostic.h"
#include "kb/env.h"

namespace kb {

class IgnoreRules {
 public:
  // The rules for the knowledge base at `root` (canonical). Ignore files
  // inside it are read through `env`, which must outlive the rules; those
  // of a git work tree around it (above the root, and .git/info/exclude)
  // from disk. A file that cannot be read, or a work tree that cannot be
  // opened, is reported in `problems` and its rules are left out; so is
  // libgit2 failing to start, and then only the defaults apply.
  static IgnoreRules load(const std::filesystem::path& root, const Env& env,
                                  const std::vector<std::string>& exclude,
                                  std::vector<Diagnostic>& problems);

  IgnoreRules(IgnoreRules&&) noexcept;
  IgnoreRules& operator=(IgnoreRules&&) noexcept;
  ~IgnoreRules();

  // Tells that the folder `folder` (relative to the root, "" for the root)
  // holds `names`, so that its ignore files are read without a stat each.
  // Optional: a folder not entered is looked at when first needed.
  void enter_folder(const std::string& folder, const std::vector<std::string>& names);

  // True when the folder or file at `path` ('/'-separated, relative to the
  // root, no links in it) is ignored. A folder is ignored by a rule that
  // matches it or a folder above it, as in git, where nothing below an
  // ignored folder can be brought back by a negation. The root and the
  // folders above it are never ignored. Reads the ignore files of the
  // folders above `path` the first time they are needed. Problems with
  // those files go to the `problems` given to load(), which must outlive
  // the rules.
  bool ignored(const std::string& path, bool is_folder);

 private:
  struct Impl;
  explicit IgnoreRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb

#endif  // KB_SRC_STORE_IGNORE_RULES_H_
