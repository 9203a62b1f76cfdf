// Note parser: turns the bytes of one Markdown file into a Note.
#ifndef KB_NOTE_PARSER_H_
#define KB_NOTE_PARSER_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/env.h"
#include "kb/note.h"
#include "kb/status.h"
#include "kb/vocabulary.h"

namespace kb {

// What parse_note() reads beyond the bytes; the Index fills it from the
// settings (kb/settings.h).
struct ParseOptions {
  // The formats of dates in file names, for a note with no date in its
  // front matter: strftime-like, with %Y, %m and %d ("%Y%m%d", "%d.%m.%Y";
  // the stem is the format filled in, or starts with it and then '-', '_'
  // or a space). A format without each of them once gives no date; [] reads
  // no date from file names. Default: nullopt, the built-in rule
  // ("2024-10-21", "20241021", "2024年10月21日", "2023-05-06-title").
  std::optional<std::vector<std::string>> file_name_dates;
};

// Parses `bytes`, the content of the note at `path` (relative to the
// knowledge-base root). The damaged characters of a mojibake note are
// chosen with `vocabulary` (kb/vocabulary.h). Never fails: bad encoding,
// broken front matter and odd Markdown become diagnostics on the returned
// note, and the note keeps whatever text could be recovered. Thread-safe.
Note parse_note(std::string path, std::string_view bytes,
                const Vocabulary& vocabulary = Vocabulary::none(),
                const ParseOptions& options = {});

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
