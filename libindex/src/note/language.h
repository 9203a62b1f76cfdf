// Language: which of the two languages kbsearch tells apart a note is in.
#ifndef KB_SRC_NOTE_LANGUAGE_H_
#define KB_SRC_NOTE_LANGUAGE_H_

#include <string>
#include <string_view>

#include "kb/note.h"

namespace kb {

// "zh" when CJK characters are at least as many as words of other scripts
// in the title and text (a Chinese note full of English terms is still
// Chinese to its reader), "en" otherwise, including an empty note.
std::string note_language(const Note& note);

}  // namespace kb

#endif  // KB_SRC_NOTE_LANGUAGE_H_
