// Note reader: kb::read_note() for a root that is already canonical, as the
// Index and the Searcher hold it, so that the root's path is not resolved
// again for every note read.
#ifndef KB_SRC_NOTE_NOTE_READER_H_
#define KB_SRC_NOTE_NOTE_READER_H_

#include <filesystem>
#include <string>

#include "kb/env.h"
#include "kb/note.h"
#include "kb/note_parser.h"
#include "kb/status.h"
#include "kb/vocabulary.h"

namespace kb {

// The bytes of the note at `path`, with kb::read_note()'s checks and
// errors (nothing outside the root, no FIFO, no binary file); `real_root`
// is canonical_root() of the root.
Result<std::string> read_note_bytes_below(const std::filesystem::path& real_root,
                                          const std::string& path, const Env& env);

// As kb::read_note(), parsed with `options`; `real_root` is
// canonical_root() of the root.
Result<Note> read_note_below(const std::filesystem::path& real_root, const std::string& path,
                             const Vocabulary& vocabulary, const Env& env,
                             const ParseOptions& options = {});

}  // namespace kb

#endif  // KB_SRC_NOTE_NOTE_READER_H_
