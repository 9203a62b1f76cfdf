// Note: everything the library knows about one Markdown file.
//
// A Note is a plain value built by parse_note() (note_parser.h) and read by
// the index writer. Line numbers are 1-based and refer to the file as it is on
// disk, front matter included.
#ifndef KB_NOTE_H_
#define KB_NOTE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kb/diagnostic.h"

namespace kb {

struct Heading {
  int level = 1;      // 1 for "#", 6 for "######"
  std::string text;   // inline text, without markup
  int line = 0;
};

// One leaf block of the document with its plain text. Soft line breaks stay
// '\n', so line k (0-based) of `text` is file line `first_line + k`.
struct Block {
  enum class Kind { kParagraph, kHeading, kCode, kHtml };
  Kind kind = Kind::kParagraph;
  std::string text;
  int first_line = 0;
  int last_line = 0;
  // Index into Note::headings of the heading this block sits under, or -1.
  int section = -1;
};

struct Note {
  std::string path;    // relative to the knowledge-base root, '/'-separated
  std::string title;   // front-matter title, else first H1, else file stem
  // Scalar front-matter fields, keyed by name ("title", "date", ...).
  std::map<std::string, std::string> fields;
  // Scalars nested in front-matter lists and maps, searchable as text.
  std::vector<std::string> front_matter_values;
  std::vector<Heading> headings;
  std::vector<Block> blocks;
  std::vector<Diagnostic> diagnostics;
  std::int64_t mtime_ns = 0;  // file modification time, from the crawler
  std::uint64_t size = 0;     // file size in bytes
};

}  // namespace kb

#endif  // KB_NOTE_H_
