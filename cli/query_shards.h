// The knowledge bases a query command reads as shards (kb/shards.h): when
// --kb names several, a [group.NAME] or a remote [kb.NAME], or --remote
// names a server. Each local one's index is brought up to date first, as
// query_root() does for one.
#ifndef KB_CLI_QUERY_SHARDS_H_
#define KB_CLI_QUERY_SHARDS_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "printer.h"
#include "kb/link_graph.h"
#include "kb/searcher.h"
#include "kb/shards.h"
#include "kb/status.h"

namespace kbcli {

// The shards `global` names, in the order given, a group's in its kbs
// order; std::nullopt when it names one local knowledge base or none
// (query_root() finds it). The set is linked when a single --kb names a
// group that says `linked = true`. Each shard is named as the user named
// it: the --kb value, the group member's name, or the --remote address.
// kInvalidArgument, naming the flag, for a value that is neither a folder
// nor a name of the user config, or a malformed address.
kb::Result<std::optional<kb::ShardSet>> query_shards(const GlobalOptions& global);

// What a query command reads: the shards `global` names, else the one
// knowledge base query_root() finds (`root`).
struct QueryTarget {
  std::optional<kb::ShardSet> shards;
  std::filesystem::path root;  // "" with shards
};

// query_shards(), else query_root(); their errors.
kb::Result<QueryTarget> query_target(const GlobalOptions& global);

// The Searcher and the LinkGraph of `target`; errors as their open().
kb::Result<kb::Searcher> open_searcher(const QueryTarget& target);
kb::Result<kb::LinkGraph> open_graph(const QueryTarget& target);

// make_printer() for `target`: paths from the current folder in one
// knowledge base, from each one's root for shards (make_shard_printer()).
std::unique_ptr<Printer> make_printer(const GlobalOptions& global, bool json, std::string command,
                                      const QueryTarget& target);

// Prints each shard that `unavailable` lists as an error line naming it,
// and returns kExitIndex when there is one, else `code`: a search that
// missed a shard says so, in its exit code too, as ripgrep's does when a
// file could not be read.
int report_unavailable(const std::vector<kb::ShardError>& unavailable, int code);

}  // namespace kbcli

#endif  // KB_CLI_QUERY_SHARDS_H_
