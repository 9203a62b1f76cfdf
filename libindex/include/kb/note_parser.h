// Note parser: turns the bytes of one Markdown file into a Note.
#ifndef KB_NOTE_PARSER_H_
#define KB_NOTE_PARSER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "kb/note.h"
#include "kb/status.h"

namespace kb {

struct ParseOptions {
  // How often a string of two CJK characters occurs in the knowledge base
  // (0 when never). Mojibake repair uses it to choose among the characters a
  // damaged sequence could have been. Index::update() and Searcher::read_note()
  // set it from the index. Default: none (ICU's dictionary alone).
  std::function<std::uint64_t(std::string_view)> cjk_pair_frequency;
};

// Parses `bytes`, the content of the note at `path` (relative to the
// knowledge-base root). Never fails: bad encoding, broken front matter and
// odd Markdown become diagnostics on the returned note, and the note keeps
// whatever text could be recovered.
Note parse_note(std::string path, std::string_view bytes,
                const ParseOptions& options = {});

// Reads `root / path` and parses it. Returns kNotFound or kIOError when the
// file cannot be read, and kInvalidArgument for a binary file (one with many
// NUL bytes), which is not a note.
Result<Note> read_note(const std::filesystem::path& root,
                       const std::string& path,
                       const ParseOptions& options = {});

}  // namespace kb

#endif  // KB_NOTE_PARSER_H_
