// Root paths: how a path relative to the knowledge-base root, and the
// symbolic links on it, are followed without ever leaving the root. The
// crawler and the link graph's file checks both use these, so "inside the
// knowledge base" means one thing.
#ifndef KB_SRC_BASE_ROOT_PATHS_H_
#define KB_SRC_BASE_ROOT_PATHS_H_

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

// `root` made canonical by the operating system (absolute, no links), or
// as given when that fails (the caller reports a missing root). Every
// part of the library uses the root in this one spelling, so that an Env
// sees one path for one file.
std::filesystem::path canonical_root(const std::filesystem::path& root);

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
  // kInside: relative to the root, without links in it; kMissing: where the
  // file would be, links followed, when a missing folder or file on the way
  // tells it ("" when a link's target went on with ".." past it).
  std::string path;
  Env::FileInfo info;   // kInside: of that file (never kSymlink)
  Status error;         // kError: what the Env said
};

// Follows `path` ('/'-separated, relative to `root`) part by part. Each
// symbolic link on the way is read with Env::read_link and replaced by its
// target, never followed by the operating system, so nothing outside `root`
// is ever stat'ed. A ".." (in `path` or in a link's target) goes to the real
// parent of what has been followed, as the kernel resolves it, never to a
// parent that a lexical reading of the text would give. An absolute target
// is inside only when it starts with `root` as spelled. `root` must be
// canonical (no links in it), as the crawler, the index and the link graph
// make it.
RealPath follow_inside_root(const Env& env, const std::filesystem::path& root,
                            std::string_view path);

// follow_inside_root() for a file that must be there: its RealPath when it
// is inside, else why not as an error with `path` as subject:
// kInvalidArgument for an absolute path, one that leads outside the root
// or a link loop, kNotFound for no such file, kIOError as the Env said.
Result<RealPath> file_inside_root(const Env& env, const std::filesystem::path& root,
                                  const std::string& path);

}  // namespace kb

#endif  // KB_SRC_BASE_ROOT_PATHS_H_
