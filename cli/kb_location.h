// Where the knowledge base is: the CLI's own rule, since the library never
// reads the environment.
#ifndef KB_CLI_KB_LOCATION_H_
#define KB_CLI_KB_LOCATION_H_

#include <filesystem>
#include <string>

#include "kb/status.h"

namespace kbcli {

// The knowledge-base root: `flag` (--kb) when given, else $KBSEARCH_KB, else
// the nearest folder at or above the current one that holds `.kbsearch/`.
// With none of these, `index` uses the current folder and other commands
// fail with kInvalidArgument. A named folder that does not exist is
// kInvalidArgument too.
kb::Result<std::filesystem::path> locate_kb(const std::string& flag,
                                            bool for_indexing);

}  // namespace kbcli

#endif  // KB_CLI_KB_LOCATION_H_
