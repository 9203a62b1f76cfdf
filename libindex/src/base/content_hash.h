// Content hash: tells whether a file's bytes changed when only its mtime
// did (an editor that saves without changes, `touch`, a checkout).
#ifndef KB_SRC_BASE_CONTENT_HASH_H_
#define KB_SRC_BASE_CONTENT_HASH_H_

#include <cstdint>
#include <functional>
#include <string_view>

namespace kb {

// A 64-bit hash of `bytes`. The standard library's: stable for a build of
// kbsearch, which is all the index needs, since a hash that differs only
// makes it read the note again.
inline std::uint64_t content_hash(std::string_view bytes) {
  return static_cast<std::uint64_t>(std::hash<std::string_view>{}(bytes));
}

}  // namespace kb

#endif  // KB_SRC_BASE_CONTENT_HASH_H_
