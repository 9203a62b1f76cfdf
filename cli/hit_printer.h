// Printing search results in each output format of `kbsearch search`.
// The JSON format is specified in cli/README.md; change both together.
#ifndef KB_CLI_HIT_PRINTER_H_
#define KB_CLI_HIT_PRINTER_H_

#include <string>

#include "kb/searcher.h"

namespace kbcli {

enum class HitFormat {
  kText,     // title, path:line, headings, snippet; colour on a terminal
  kJson,     // JSON Lines: one "hit" per result, then a "summary"
  kFiles,    // one path per line (or NUL-separated)
  kVimgrep,  // path:line:column:text, for editors' quickfix lists
  kCount,    // the number of matching notes
};

struct PrintSettings {
  HitFormat format = HitFormat::kText;
  bool color = false;
  bool null_separated = false;  // kFiles: NUL after each path, not '\n'
};

// What was asked, for the summary line of kText and kJson.
struct QueryEcho {
  std::string query;
  const kb::SearchOptions* options = nullptr;
  const char* sort = "relevance";
  double elapsed_ms = 0;
};

void print_results(const kb::SearchResults& results, const QueryEcho& echo,
                   const PrintSettings& settings);

}  // namespace kbcli

#endif  // KB_CLI_HIT_PRINTER_H_
