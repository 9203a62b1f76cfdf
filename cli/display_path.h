// Where printed note paths start from. The library names a note by its path
// from the knowledge-base root; people and their tools (xargs, vim) open
// files from the folder they stand in.
//
// Inside the knowledge base, a path is printed relative to the current
// folder, as ripgrep and git print them: from `kb/a/b`, the note `a/b/x.md`
// is `x.md` and `a/y.md` is `../y.md`. From outside it (`--kb DIR` from
// elsewhere), and with --root-paths, it is printed from the root, as git
// prints paths from outside its work tree (`git -C DIR`). JSON always has
// the path from the root, and the absolute path beside it.
#ifndef KB_CLI_DISPLAY_PATH_H_
#define KB_CLI_DISPLAY_PATH_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kbcli {

class PathDisplay {
 public:
  // Paths printed as the library gives them, from the root; no absolute
  // form (absolute() gives the path back).
  PathDisplay() = default;

  // For the knowledge base at `root`, seen from the folder `cwd`; with
  // `from_root`, paths are printed from the root wherever `cwd` is. Both
  // folders are made canonical, so a symbolic link to the knowledge base
  // is inside it too.
  PathDisplay(const std::filesystem::path& root, const std::filesystem::path& cwd,
              bool from_root);

  // `path` (from the root, '/'-separated) as it is printed: from the
  // current folder when that is inside the knowledge base. Bytes as given:
  // making them safe to print is the printer's part.
  std::string shown(std::string_view path) const;

  // `path` (from the root) as an absolute path.
  std::string absolute(std::string_view path) const;

 private:
  std::string root_;  // canonical, without a trailing '/'; "" when unknown
  std::vector<std::string> here_;  // the folders from the root down to cwd
};

// The path from `root` of the file `given` (absolute, or from the current
// folder) when it is a file inside `root`, '/'-separated; else "". The
// folders are made canonical as PathDisplay makes them, so `../x.md` from
// a subfolder and a path through a symbolic link to the knowledge base
// both name the note; the file name itself is kept, as the crawler lists a
// link to a note under its own name only when it points outside.
std::string path_in_kb(const std::filesystem::path& root, const std::filesystem::path& given);

// The path from `root` of `given` (absolute, or from the current folder),
// a file or a folder, which need not exist (a deleted note), '/'-separated;
// "" for the root itself; std::nullopt when it is outside `root`. The
// folders are made canonical, the last name kept, as path_in_kb() does.
std::optional<std::string> kb_path_of(const std::filesystem::path& root,
                                      const std::filesystem::path& given);

}  // namespace kbcli

#endif  // KB_CLI_DISPLAY_PATH_H_
