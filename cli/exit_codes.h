// Exit codes of `kbsearch`, a contract documented in cli/README.md.
#ifndef KB_CLI_EXIT_CODES_H_
#define KB_CLI_EXIT_CODES_H_

#include "kb/status.h"

namespace kbcli {

inline constexpr int kExitFound = 0;     // results, or the command succeeded
inline constexpr int kExitNotFound = 1;  // the search found nothing
inline constexpr int kExitUsage = 2;     // bad arguments or a malformed query
inline constexpr int kExitIndex = 3;     // index or I/O error

// Prints "kbsearch: STATUS" to stderr and returns the exit code for it.
int report_error(const kb::Status& status);

}  // namespace kbcli

#endif  // KB_CLI_EXIT_CODES_H_
