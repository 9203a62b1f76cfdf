// Root paths: how a path relative to the knowledge-base root, and the
// symbolic links on it, are followed without ever leaving the root. The
// crawler and the link graph's file checks both use these, so "inside the
// knowledge base" means one thing.
#ifndef KB_SRC_STORE_ROOT_PATHS_H_
#define KB_SRC_STORE_ROOT_PATHS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kb/env.h"

namespace kb {

// The path, relative to the root, that a Markdown link destination names
// from the note at `source`: "/x" from the root, anything else from the
// source's folder; "." and ".." applied; "" is the root itself.
// std::nullopt when it leaves the root.
std::optional<std::string> resolve_relative(std::string_view source,
                                            std::string_view target);

// Where a root-relative path really leads.
struct RealPath {
  enum class Outcome {
    kInside,   // `path` and `info` describe the file it names
    kMissing,  // a part of it does not exist (a dangling link, too)
    kOutside,  // a symbolic link on the way leads outside the root
    kLoop,     // more than 40 links on the way, as the kernel's ELOOP
    kError,    // the Env could not tell; see `error`
  };
  Outcome outcome = Outcome::kMissing;
  std::string path;     // kInside: relative to the root, without links in it
  Env::FileInfo info;   // kInside: of that file (never kSymlink)
  Status error;         // kError: what the Env said
};

// Follows `path` ('/'-separated, relative to `root`, without "." or "..")
// part by part. Each symbolic link on the way is read with Env::read_link
// and replaced by its target, never followed by the operating system, so
// nothing outside `root` is ever stat'ed. `root` must be canonical (no
// links in it), as the crawler and the link graph make it.
RealPath follow_inside_root(const Env& env, const std::filesystem::path& root,
                            std::string_view path);

}  // namespace kb

#endif  // KB_SRC_STORE_ROOT_PATHS_H_
