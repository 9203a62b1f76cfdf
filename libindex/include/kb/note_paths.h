// The paths of the indexed notes, by the start of their path: what a shell
// completes after `kbsearch backlinks `. One term range of the index, not
// a pass over the notes, so it answers at once also for 20k notes.
#ifndef KB_NOTE_PATHS_H_
#define KB_NOTE_PATHS_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kb/status.h"

namespace kb {

// The paths (relative to `root`, '/'-separated, the bytes of the file's
// name) of the notes the index of the knowledge base at `root` holds whose
// path starts with the bytes of `prefix`, sorted bytewise; the first
// `limit` of them (0: all). The index is read as last committed; nothing is
// refreshed or written, so it may be called while another process writes
// the index. Errors as Searcher::open() (kNotFound when there is no index,
// kVersionMismatch, kCorruption), and Xapian's read errors as
// Searcher::search() returns them. Thread-safe: each call opens the index
// for itself.
Result<std::vector<std::string>> indexed_note_paths(const std::filesystem::path& root,
                                                    std::string_view prefix,
                                                    std::size_t limit = 0);

}  // namespace kb

#endif  // KB_NOTE_PATHS_H_
