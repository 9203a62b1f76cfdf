// Terminal output helpers: colour decisions and ANSI styling.
#ifndef KB_CLI_TERMINAL_H_
#define KB_CLI_TERMINAL_H_

#include <string>
#include <vector>

#include "kb/searcher.h"

namespace kbcli {

// Whether to colour stdout for the colour setting MODE: "always", "never",
// or "auto" (a terminal, and TERM not "dumb"). NO_COLOR is part of the
// setting (cli/run_settings.h): it counts only where no flag or config
// file chose a colour.
bool use_color(const std::string& mode);

// Whether stdout is a terminal, where a person reads a page of results;
// anywhere else a program reads them, and gets them all.
bool stdout_is_terminal();

enum class Style { kTitle, kPath, kLine, kHeading, kMatch };

// `text` wrapped in the ANSI codes of `style` when `color`, else as it is.
std::string styled(const std::string& text, Style style, bool color);

// The snippet with highlights in colour, or between 【 and 】 without it;
// safe to print (cli/safe_text.h).
std::string render_snippet(const kb::Snippet& snippet, bool color);

}  // namespace kbcli

#endif  // KB_CLI_TERMINAL_H_
