// Note date: the date a search shows for a note.
#ifndef KB_SRC_SEARCH_NOTE_DATE_H_
#define KB_SRC_SEARCH_NOTE_DATE_H_

#include <string>

#include "kb/note.h"

namespace kb {

// ISO 8601: the note's date (kb::Note::date), else its modification time
// in UTC ("2024-10-20T13:40:17+00:00").
std::string shown_date(const Note& note);

}  // namespace kb

#endif  // KB_SRC_SEARCH_NOTE_DATE_H_
