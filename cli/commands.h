// The subcommands of `kbsearch`, one file each. A setup_* function declares
// the subcommand's options on `app` and a callback that calls the library,
// prints, and stores the process exit code in `exit_code`.
#ifndef KB_CLI_COMMANDS_H_
#define KB_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace kbcli {

// Options every subcommand understands.
struct GlobalOptions {
  // --kb DIR|NAME, repeated; empty when not given. Several, a group's name
  // or a remote one's are read as shards (query_shards.h), by the
  // commands kShardCommands names; the others take one local knowledge
  // base, kb.front().
  std::vector<std::string> kb;
  std::vector<std::string> remote;  // --remote HOST:PORT, repeated
  std::string color;           // --color auto|always|never; empty when not given
  bool no_refresh = false;     // --no-refresh: query the index as it is
  std::vector<std::string> exclude;  // --exclude GLOB, repeated: notes to leave out
  bool root_paths = false;     // --root-paths: print note paths from the root
};

// The subcommands that read several knowledge bases (query_shards.h).
inline constexpr const char* kShardCommands[] = {"search", "backlinks", "links",
                                                 "broken", "tags",      "serve"};

// The one --kb of a command that reads one knowledge base; "" for none.
inline std::string one_kb(const GlobalOptions& global) {
  return global.kb.empty() ? std::string() : global.kb.front();
}

void setup_serve_index(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_index(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_watch(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_search(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_note(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_backlinks(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_links(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_broken(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_orphans(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_tags(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_mentions(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_related(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_graph(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_serve(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_blocks(CLI::App& app, const GlobalOptions& global, int& exit_code);
void setup_config(CLI::App& app, const GlobalOptions& global, int& exit_code);
// Hidden: the note paths the shell completion scripts offer.
void setup_complete_notes(CLI::App& app, const GlobalOptions& global, int& exit_code);
// Declared last: it lists the subcommands declared before it.
void setup_help(CLI::App& app, int& exit_code);

}  // namespace kbcli

#endif  // KB_CLI_COMMANDS_H_
