// WebServer: what `kbsearch serve` runs: the page (cli/web/, built into
// the program) and a read-only JSON API over the library, on loopback
// unless told otherwise. cli/README.md ("kbsearch serve") documents the
// API; each answer is the JSON Lines the same subcommand prints with
// --json, so the two cannot drift apart.
//
// What it refuses, whatever is asked: any method but GET and HEAD (the
// API changes nothing), a Host header that names another server (a page
// of another site that a DNS rebinding points at 127.0.0.1), and any file
// that is not a note or an image inside the knowledge base (kb::LinkGraph
// checks the path); each answer forbids scripts and frames from elsewhere
// (Content-Security-Policy) and is sent without CORS headers, so no other
// site's page can read it.
#ifndef KB_CLI_WEB_SERVER_H_
#define KB_CLI_WEB_SERVER_H_

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <optional>
#include <vector>

#include "commands.h"
#include "kb/shards.h"

namespace kbcli {

struct ServeOptions {
  std::string bind = "127.0.0.1";  // the address to listen on
  int port = 7777;                 // 0: any free port
  // Other names the Host header may give (a name an SSH tunnel or a
  // reverse proxy uses); loopback names and the bind address always pass.
  std::vector<std::string> allowed_hosts;
  // The index is refreshed, as a query does, before an API answer when the
  // last refresh is older than this; 0 never refreshes.
  std::chrono::milliseconds refresh_every{1000};
  // Instead, keep the index up to date while the notes change (kb::watch()
  // on a thread of its own, as `kbsearch watch` does): answers never wait
  // for a refresh, and an edit shows within a second with no request.
  bool watch = false;
};

// Serves the knowledge base at `root`, or the shards `shards` when given
// (kb/shards.h; --watch then is kInvalidArgument), until SIGINT or SIGTERM. Calls
// `on_listening` with the URL once the port is bound. Returns the exit
// code: 0 after a signal, 3 when the address cannot be bound or when the
// watch (options.watch) ends with an error (the root moved away, no
// inotify).
int serve(const GlobalOptions& global, const std::filesystem::path& root,
          const std::optional<kb::ShardSet>& shards, const ServeOptions& options,
          const std::function<void(const std::string& url)>& on_listening);

}  // namespace kbcli

#endif  // KB_CLI_WEB_SERVER_H_
