#include "query_shards.h"

#include <iostream>

#include "exit_codes.h"
#include "kb_location.h"
#include "query_root.h"
#include "run_settings.h"
#include "safe_text.h"

namespace kbcli {
namespace fs = std::filesystem;

namespace {

// The shard [kb.NAME] or a folder `value` names, with `source` (a flag, a
// group) in its errors.
kb::Result<kb::Shard> named_shard(const std::string& value, const std::string& source,
                                  const kb::Settings& settings) {
  const auto remote = settings.named_remotes.find(value);
  if (remote != settings.named_remotes.end()) {
    kb::Result<kb::Shard> shard =
        kb::remote_shard(value, remote->second.value.address, remote->second.value.timeout);
    if (!shard) {
      return shard.error().within("[kb." + value + "] remote in " + remote->second.origin);
    }
    return shard;
  }
  auto root = locate_kb(value, /*for_indexing=*/false, settings.named_kbs);
  // locate_kb() names a --kb value itself; a group's member needs its group.
  if (!root) return source.starts_with("--kb") ? root.error() : root.error().within(source);
  kb::Shard shard;
  shard.name = value;
  shard.root = *root;
  return shard;
}

}  // namespace

kb::Result<std::optional<kb::ShardSet>> query_shards(const GlobalOptions& global) {
  const kb::Settings& settings = run_settings(global);
  kb::ShardSet set;
  bool named_group = false;
  for (const std::string& value : global.kb) {
    const auto group = settings.groups.find(value);
    if (group == settings.groups.end()) {
      kb::Result<kb::Shard> shard = named_shard(value, "--kb " + value, settings);
      if (!shard) return shard.error();
      set.shards.push_back(*std::move(shard));
      continue;
    }
    named_group = true;
    for (const std::string& member : group->second.value.kbs) {
      kb::Result<kb::Shard> shard =
          named_shard(member, "[group." + value + "] in " + group->second.origin, settings);
      if (!shard) return shard.error();
      set.shards.push_back(*std::move(shard));
    }
    set.linked = global.kb.size() == 1 && global.remote.empty() && group->second.value.linked;
  }
  for (const std::string& address : global.remote) {
    kb::Result<kb::Shard> shard = kb::remote_shard(address, address);
    if (!shard) return shard.error().within("--remote");
    set.shards.push_back(*std::move(shard));
  }
  if (set.shards.empty() ||
      (set.shards.size() == 1 && !set.shards.front().remote() && !named_group)) {
    return std::optional<kb::ShardSet>();
  }
  if (!global.no_refresh) {
    for (const kb::Shard& shard : set.shards) {
      if (shard.remote()) continue;
      refresh_index(shard.root, settings_for(global, shard.root));
    }
  }
  return std::optional<kb::ShardSet>(std::move(set));
}

kb::Result<QueryTarget> query_target(const GlobalOptions& global) {
  auto shards = query_shards(global);
  if (!shards) return shards.error();
  if (*shards) return QueryTarget{std::move(*shards), {}};
  auto root = query_root(global);
  if (!root) return root.error();
  return QueryTarget{std::nullopt, *root};
}

kb::Result<kb::Searcher> open_searcher(const QueryTarget& target) {
  return target.shards ? kb::Searcher::open(*target.shards) : kb::Searcher::open(target.root);
}

kb::Result<kb::LinkGraph> open_graph(const QueryTarget& target) {
  return target.shards ? kb::LinkGraph::open(*target.shards) : kb::LinkGraph::open(target.root);
}

std::unique_ptr<Printer> make_printer(const GlobalOptions& global, bool json, std::string command,
                                      const QueryTarget& target) {
  if (target.shards) return make_shard_printer(global, json, std::move(command));
  return make_printer(global, json, std::move(command), target.root);
}

int report_unavailable(const std::vector<kb::ShardError>& unavailable, int code) {
  for (const kb::ShardError& e : unavailable) {
    std::cerr << "kbsearch: error: " << safe_text(e.status.to_string())
              << " (its notes are left out)\n";
  }
  return unavailable.empty() ? code : kExitIndex;
}

}  // namespace kbcli
