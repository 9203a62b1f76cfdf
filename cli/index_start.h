// Index start: the one line said on stderr before a build from nothing, so
// that a long first build or a rebuild after an upgrade is never silent.
#ifndef KBCLI_INDEX_START_H_
#define KBCLI_INDEX_START_H_

#include <filesystem>

#include "kb/index.h"

namespace kbcli {

// Says why `index` (of the knowledge base at `root`) is built from
// nothing, when it is; nothing for an incremental update.
void say_how_index_starts(const kb::Index& index, const std::filesystem::path& root);

}  // namespace kbcli

#endif  // KBCLI_INDEX_START_H_
