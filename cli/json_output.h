// JSON forms of library values for --json output. The schema is written
// down in cli/README.md; change both together.
#ifndef KB_CLI_JSON_OUTPUT_H_
#define KB_CLI_JSON_OUTPUT_H_

#include <string>

#include "kb/note.h"

namespace kbcli {

// Version of every JSON object kbsearch prints; bumped on incompatible
// changes (removed or renamed keys, changed meanings), not on added keys.
inline constexpr int kJsonFormatVersion = 1;

// One line of JSON: {"type":"note","data":{...}} describing `note`.
std::string note_json_line(const kb::Note& note);

}  // namespace kbcli

#endif  // KB_CLI_JSON_OUTPUT_H_
