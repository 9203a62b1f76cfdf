// The shell completion scripts of kbsearch, written from the command model
// (`kbsearch --generate complete-bash|complete-zsh|complete-fish`, as
// ripgrep names them). Each completes subcommands, their options, the
// values of options with fixed choices, files and folders where an option
// or a positional (index PATH...) takes one, and note paths where a
// subcommand takes a NOTE: those it asks the program for at completion
// time, `kbsearch [--kb X] [--root-paths] __complete-notes PREFIX`
// (cmd_complete_notes.cc).
#ifndef KB_CLI_COMPLETION_SCRIPTS_H_
#define KB_CLI_COMPLETION_SCRIPTS_H_

#include <string>

#include "command_model.h"

namespace kbcli {

// The hidden subcommand the scripts call for note paths.
inline constexpr const char* kCompleteNotes = "__complete-notes";

// For bash-completion: defines _kbsearch and registers it with `complete`.
std::string bash_completion(const CommandModel& cli);
// For zsh's fpath (#compdef kbsearch): defines _kbsearch and _kbsearch_notes.
std::string zsh_completion(const CommandModel& cli);
// For fish's vendor_completions.d: `complete -c kbsearch` lines.
std::string fish_completion(const CommandModel& cli);

}  // namespace kbcli

#endif  // KB_CLI_COMPLETION_SCRIPTS_H_
