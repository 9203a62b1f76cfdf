// Knowledge-base config: what `.kbsearch.toml` at the root of a knowledge
// base sets for it. One reader for the whole file, so that each setting a
// later version adds is one field and one lookup here.
#ifndef KB_SRC_STORE_KB_CONFIG_H_
#define KB_SRC_STORE_KB_CONFIG_H_

#include <filesystem>
#include <string>
#include <vector>

#include "kb/crawler.h"
#include "kb/diagnostic.h"
#include "kb/env.h"

namespace kb {

// The config file's name, at the knowledge-base root.
inline constexpr const char* kConfigFileName = ".kbsearch.toml";

struct KbConfig {
  // [links] dialect = "auto" | "obsidian" | "site" | "strict": the link
  // dialect of every note; "auto" takes each note's from the markers
  // (CrawlResult::markers). Default: kAuto.
  LinkDialect link_dialect = LinkDialect::kAuto;
};

// The config of the knowledge base at `root` (canonical), read through
// `env`. No file means the defaults. A file that is not TOML, a value of
// the wrong type or an unknown value is reported in `problems`, naming the
// file (and the key), and that value keeps its default: a typo in the
// config never stops a search. Unknown keys and tables are left alone, for
// the settings of other versions. Thread-safe.
KbConfig read_kb_config(const std::filesystem::path& root, const Env& env,
                        std::vector<Diagnostic>& problems);

}  // namespace kb

#endif  // KB_SRC_STORE_KB_CONFIG_H_
