// Settings: what the config files set, merged, each value with where it
// came from.
//
// Two TOML files set the same keys (cli/README.md, "Configuration", lists
// them): the user's config (kbsearch looks for it at
// $XDG_CONFIG_HOME/kbsearch/config.toml; the library reads no environment,
// so its caller names the file) gives defaults for every knowledge base,
// and `.kbsearch.toml` at a knowledge base's root overrides them for that
// one. A program lays flags and environment variables over the result
// (Setting::set with kEnv or kFlag), so that one precedence holds: flag,
// then environment, then KB config, then user config, then built-in
// (kbsearch lets NO_COLOR count only below the files, as no-color.org
// asks; cli/README.md, "Configuration").
//
// The only exception is named knowledge bases (`[kb.NAME] path` or
// `remote`) and their groups (`[group.NAME]`), read from the user config
// only: a knowledge base's own file is found after the knowledge base, too
// late to name it.
#ifndef KB_SETTINGS_H_
#define KB_SETTINGS_H_

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kb/crawler.h"
#include "kb/diagnostic.h"
#include "kb/env.h"

namespace kb {

// Where a setting's value came from, lowest precedence first.
enum class SettingSource { kBuiltIn, kUserConfig, kKbConfig, kEnv, kFlag };

// "built-in", "user config", "kb config", "env", "flag".
const char* name_of(SettingSource source);

template <typename T>
struct Setting {
  T value{};
  SettingSource source = SettingSource::kBuiltIn;
  // The file that set it, or the environment variable or flag; "" for
  // built-in.
  std::string origin;

  void set(T new_value, SettingSource new_source, std::string new_origin) {
    value = std::move(new_value);
    source = new_source;
    origin = std::move(new_origin);
  }
};

// [kb.NAME] remote: where an index is served, as "HOST:PORT" (kb/shards.h,
// parse_remote_shard()), and Shard::timeout.
struct RemoteIndex {
  std::string address;
  std::chrono::milliseconds timeout{5000};
};

struct KbGroup {
  std::vector<std::string> kbs;  // names of [kb.NAME] tables
  bool linked = false;           // ShardSet::linked
};

struct Settings {
  // [index] exclude: patterns of notes and folders to leave out, gitignore
  // syntax (kb/crawler.h, CrawlOptions::exclude). They add up, user config
  // first, so that a later one (a KB's, a flag's) can negate an earlier one.
  std::vector<Setting<std::string>> exclude;
  // [links] dialect (kb/crawler.h). Built-in: kAuto.
  Setting<LinkDialect> link_dialect{LinkDialect::kAuto, SettingSource::kBuiltIn, ""};
  // [dates] file_name: the formats a file name's date is read in
  // (kb/note_parser.h, ParseOptions::file_name_dates). Built-in: nullopt,
  // the built-in rule.
  Setting<std::optional<std::vector<std::string>>> file_name_dates;
  // [search] limit: hits shown when no --limit is given; 0 for all.
  // Built-in: nullopt (the program's own default: a page on a terminal,
  // everything to a pipe).
  Setting<std::optional<std::size_t>> search_limit;
  // [search] sort: "relevance", "date", "path" or "title".
  Setting<std::string> search_sort{"relevance", SettingSource::kBuiltIn, ""};
  // More [search] keys go here, each one field and one entry of the
  // reader's table of [search] keys (store/kb_config.cc).

  // [output] color: "auto", "always" or "never". Built-in: "auto".
  Setting<std::string> color{"auto", SettingSource::kBuiltIn, ""};
  // [kb.NAME] path, user config only: the knowledge bases `--kb NAME`
  // names, each path as written (the program expands "~").
  std::map<std::string, Setting<std::string>> named_kbs;
  // [kb.NAME] remote = "HOST:PORT" and timeout_ms, user config only: the
  // indexes that `kbsearch serve-index` serves elsewhere, named.
  std::map<std::string, Setting<RemoteIndex>> named_remotes;
  // [group.NAME] kbs = [NAMES], linked = BOOL, user config only: the
  // named knowledge bases (local or remote) that `--kb NAME` searches as
  // one (kb/shards.h, ShardSet::linked).
  std::map<std::string, Setting<KbGroup>> groups;
};

// Lays the user config file `file` over `settings`. No file means no
// change. A file that is not TOML, a value of the wrong type or an unknown
// value, and an unknown key or table (a typo), is reported in `problems`,
// naming the file (its path as given), the line when known, and the key;
// that value is left as it was and the other settings still apply: a typo
// in the config never stops a search. Thread-safe.
void apply_user_config(const std::filesystem::path& file, const Env& env, Settings& settings,
                       std::vector<Diagnostic>& problems);

// Lays `.kbsearch.toml` at the knowledge base `root` over `settings`, as
// apply_user_config() does; problems name the file ".kbsearch.toml" (as
// every diagnostic names a file inside the knowledge base), and a
// `[kb.NAME]` table there is reported and ignored. Thread-safe.
void apply_kb_config(const std::filesystem::path& root, const Env& env, Settings& settings,
                     std::vector<Diagnostic>& problems);

// The built-in settings with the user config `user_file` (none when empty)
// and then the config of the knowledge base at `root` laid over them.
Settings read_settings(const std::filesystem::path& user_file, const std::filesystem::path& root,
                       const Env& env, std::vector<Diagnostic>& problems);

// The name of the config file at a knowledge base's root.
inline constexpr const char* kKbConfigFileName = ".kbsearch.toml";

}  // namespace kb

#endif  // KB_SETTINGS_H_
