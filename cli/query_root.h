// The knowledge base a query command works on, with its index brought up
// to date first (auto-refresh), so that a search never answers from a
// stale index without a word.
#ifndef KB_CLI_QUERY_ROOT_H_
#define KB_CLI_QUERY_ROOT_H_

#include <filesystem>

#include "commands.h"
#include "kb/settings.h"
#include "kb/status.h"

namespace kbcli {

// The root as locate_kb() finds it. Unless --no-refresh was given, the
// index is then updated as `kbsearch index` would: new and changed notes
// read, deleted ones dropped; a first build says so on stderr. When the
// index cannot be refreshed (another process writes it, the knowledge base
// is read-only), one warning line says why and the query runs on the index
// as it is: a refresh never makes a query fail or wait.
kb::Result<std::filesystem::path> query_root(const GlobalOptions& global);

// The refresh of query_root(): the index of `root` updated with
// `settings`; a first build says so, a failure is one warning line.
void refresh_index(const std::filesystem::path& root, const kb::Settings& settings);

}  // namespace kbcli

#endif  // KB_CLI_QUERY_ROOT_H_
