// Note record: the part of a Note stored with its index entry, so that a
// search can show titles, lines and snippets without reading the file.
#ifndef KB_SRC_NOTE_RECORD_H_
#define KB_SRC_NOTE_RECORD_H_

#include <string>

#include "kb/note.h"
#include "kb/status.h"

namespace kb {

// Serialises path, title, date, mtime, tag names, headings (with their
// slugs), links and blocks of `note`.
std::string encode_note_record(const Note& note);

// The inverse of encode_note_record(); the other Note members stay empty,
// and each tag comes back as a name only (source kFrontMatter, line 0).
// Returns kCorruption when `data` is not a record of this version.
// Without `with_blocks`, the blocks are left out (their text is most of a
// record), for callers that only need the links.
Result<Note> decode_note_record(const std::string& data, bool with_blocks = true);

}  // namespace kb

#endif  // KB_SRC_NOTE_RECORD_H_
