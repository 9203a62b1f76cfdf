// Note parser: turns the bytes of one Markdown file into a Note.
#ifndef KB_NOTE_PARSER_H_
#define KB_NOTE_PARSER_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "kb/env.h"
#include "kb/note.h"
#include "kb/status.h"
#include "kb/vocabulary.h"

namespace kb {

// Parses `bytes`, the content of the note at `path` (relative to the
// knowledge-base root). The damaged characters of a mojibake note are
// chosen with `vocabulary` (kb/vocabulary.h). Never fails: bad encoding,
// broken front matter and odd Markdown become diagnostics on the returned
// note, and the note keeps whatever text could be recovered. Thread-safe.
Note parse_note(std::string path, std::string_view bytes,
                const Vocabulary& vocabulary = Vocabulary::none());

// Reads `root / path` through `env` and parses it with `vocabulary`.
// `path` is relative to `root`; symbolic links on it are followed only
// while they stay inside `root` (nothing outside it is ever read). Returns
// kNotFound or kIOError when the file cannot be read, and kInvalidArgument
// for an absolute path, one that leads outside the root, a binary file
// (one with many NUL bytes) or one that is not a regular file (a FIFO),
// which are not notes; the subject is `path`.
Result<Note> read_note(const std::filesystem::path& root,
                       const std::string& path,
                       const Vocabulary& vocabulary = Vocabulary::none(),
                       const Env& env = Env::system());

}  // namespace kb

#endif  // KB_NOTE_PARSER_H_
