// Note record: the part of a Note stored with its index entry, so that a
// search can show titles, lines and snippets without reading the file.
#ifndef KB_SRC_NOTE_RECORD_H_
#define KB_SRC_NOTE_RECORD_H_

#include <string>

#include "kb/note.h"
#include "kb/status.h"

namespace kb {

// Serialises path, title, date, mtime, tag names, headings (with their
// slugs), links, blocks and tagged blocks of `note`.
std::string encode_note_record(const Note& note);

// The parts of a record a caller reads, besides its summary (path, title,
// date, mtime, tag names, headings), which always comes: each part is
// decompressed only when asked for. A search needs no links, the link
// graph no blocks (their text is most of a record), `blocks tag:X` only
// the tagged blocks.
struct RecordParts {
  bool links = true;
  bool blocks = true;
  bool tagged_blocks = true;
};

// The inverse of encode_note_record(), for the summary and `parts`; the
// other Note members stay empty, and each tag comes back as a name only
// (source kFrontMatter, line 0). Returns kCorruption when `data` is not a
// record of this version.
Result<Note> decode_note_record(const std::string& data, RecordParts parts = {});

}  // namespace kb

#endif  // KB_SRC_NOTE_RECORD_H_
