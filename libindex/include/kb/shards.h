// Shards: several knowledge bases, local or served from another machine,
// that one Searcher or LinkGraph reads as one index.
//
// Xapian merges the shards' matches with global term statistics, so a
// query over shards ranks its hits as one index over all their notes
// would. A remote shard is an index that `kbsearch serve-index` serves
// over TCP (Xapian's remote protocol, xapian-tcpsrv): its note records,
// and so the hits' titles and snippets, come from it, and its files are
// never read.
#ifndef KB_SHARDS_H_
#define KB_SHARDS_H_

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kb/status.h"

namespace kb {

struct Shard {
  // What the shard's hits say they come from (Hit::kb), and what its
  // errors name: unique within a ShardSet.
  std::string name;
  // A local knowledge base: its root. Empty for a remote shard.
  std::filesystem::path root;
  // A remote shard: the host (a name or an address) and port that
  // `kbsearch serve-index` listens on. Port 0 for a local shard.
  std::string host;
  std::uint16_t port = 0;
  // Remote shards: how long connecting, and then each exchange with the
  // server, may take before the shard counts as down for this query.
  // Default: 5 s.
  std::chrono::milliseconds timeout{5000};

  bool remote() const { return port != 0; }
};

struct ShardSet {
  std::vector<Shard> shards;  // in order; at least one
  // The shards are parts of one knowledge base (the halves of a tree, a
  // wiki that notes link into): a link in one resolves to a note of
  // another, and a path names one note across all of them (a path in two
  // shards is the first one's). LinkGraph::open() needs it. False: each is
  // a knowledge base of its own, only searched together; the same path in
  // two shards is two notes, told apart by Hit::kb. Default: false.
  bool linked = false;
};

// A shard that an answer had to leave out, and why: the Status names the
// shard (its name) as the subject. A dead server is kIOError.
struct ShardError {
  std::string shard;  // Shard::name
  Status status;
};

// The remote shard `name` served at `address`: "HOST:PORT", "[IPV6]:PORT"
// or ":PORT" (this machine, 127.0.0.1), the port 1-65535. kInvalidArgument,
// naming `address`, for anything else. Thread-safe.
Result<Shard> remote_shard(std::string name, std::string_view address,
                           std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// The file a server of the index of the knowledge base at `root` opens
// (xapian-tcpsrv, which `kbsearch serve-index` runs): the index's stub,
// which names its current generation, so that each connection reads the
// index as last built. kNotFound, naming `root`, when it has no index.
// Thread-safe.
Result<std::filesystem::path> served_index_file(const std::filesystem::path& root);

}  // namespace kb

#endif  // KB_SHARDS_H_
