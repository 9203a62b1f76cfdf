// The settings of this run of kbsearch: the user config, the knowledge
// base's config, the environment and the flags, in that order of
// precedence from lowest (cli/README.md, "Configuration").
#ifndef KB_CLI_RUN_SETTINGS_H_
#define KB_CLI_RUN_SETTINGS_H_

#include <filesystem>

#include "commands.h"
#include "kb/settings.h"

namespace kbcli {

// $XDG_CONFIG_HOME/kbsearch/config.toml, else ~/.config/kbsearch/config.toml
// (XDG's default), else empty (neither variable set).
std::filesystem::path user_config_path();

// The merged settings, read once per process: the built-in ones, the user
// config, `.kbsearch.toml` of the knowledge base --kb, $KBSEARCH_KB or the
// current folder leads to (when there is one), then --exclude and --color.
// NO_COLOR counts only where no config file and no flag sets a colour, as
// no-color.org asks. Each problem of a config file is printed once, as a
// warning naming the file (its full path), line and key.
const kb::Settings& run_settings(const GlobalOptions& global);

// The settings of the knowledge base at `root` for this run, as
// run_settings() makes them for the one --kb (the user config, its
// `.kbsearch.toml`, then --exclude and --color): for each shard of a
// query over several (query_shards.h). Problems are not printed: a run on
// that knowledge base alone prints them.
kb::Settings settings_for(const GlobalOptions& global, const std::filesystem::path& root);

}  // namespace kbcli

#endif  // KB_CLI_RUN_SETTINGS_H_
