// Exit codes of `kbsearch`, a contract documented in cli/README.md.
#ifndef KB_CLI_EXIT_CODES_H_
#define KB_CLI_EXIT_CODES_H_

#include <string_view>

#include "kb/status.h"

namespace kbcli {

inline constexpr int kExitFound = 0;     // results, or the command succeeded
inline constexpr int kExitNotFound = 1;  // the search found nothing
inline constexpr int kExitUsage = 2;     // bad arguments or a malformed query
inline constexpr int kExitIndex = 3;     // index or I/O error

// Prints "kbsearch: STATUS" to stderr and returns the exit code for it.
int report_error(const kb::Status& status);

// Prints "kbsearch: warning: TEXT" to stderr, TEXT made safe to print
// (cli/safe_text.h): warnings name files and quote queries and notes.
void report_warning(std::string_view text);

}  // namespace kbcli

#endif  // KB_CLI_EXIT_CODES_H_
