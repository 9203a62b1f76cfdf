// File stem: a note's file name without its folders and extension, the
// name it goes by when nothing else names it (title fallback, wikilink
// name, exact-name ranking, dates in file names).
#ifndef KB_SRC_NOTE_FILE_STEM_H_
#define KB_SRC_NOTE_FILE_STEM_H_

#include <string_view>

namespace kb {

// "a/Java 基础.md" -> "Java 基础"; a name that starts with its only dot
// (".md") keeps it. A view into `path`.
inline std::string_view file_stem(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace kb

#endif  // KB_SRC_NOTE_FILE_STEM_H_
