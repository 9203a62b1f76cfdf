// Where the knowledge base is: the CLI's own rule, since the library never
// reads the environment.
#ifndef KB_CLI_KB_LOCATION_H_
#define KB_CLI_KB_LOCATION_H_

#include <filesystem>
#include <map>
#include <string>

#include "kb/settings.h"
#include "kb/status.h"

namespace kbcli {

// The knowledge-base root: `flag` (--kb) when given, else $KBSEARCH_KB, else
// the nearest folder at or above the current one that holds `.kbsearch/`.
// With none of these, `index` uses the current folder and other commands
// fail with kInvalidArgument. A value that is an existing folder is that
// folder; else it is a name of `named` (the user config's [kb.NAME]), whose
// path may start with "~/" ($HOME) or be relative to the config file's
// folder. A value that is neither is kInvalidArgument, naming it and the
// names there are; so is a named path that is no folder.
kb::Result<std::filesystem::path> locate_kb(
    const std::string& flag, bool for_indexing,
    const std::map<std::string, kb::Setting<std::string>>& named);

}  // namespace kbcli

#endif  // KB_CLI_KB_LOCATION_H_
