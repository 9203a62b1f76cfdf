// The part of the man page kbsearch(1) that comes from the command model:
// the NAME line and a COMMANDS section with every subcommand's usage,
// arguments and options, in help2man's --include format. help2man reads
// only the top-level --help; this gives it the subcommands' too, from the
// same definition, so the page cannot drift from the program.
#ifndef KB_CLI_MAN_COMMANDS_H_
#define KB_CLI_MAN_COMMANDS_H_

#include <string>

#include "command_model.h"

namespace kbcli {

// "[NAME]\n...\n[COMMANDS]\n..." (roff), for `help2man --include`.
std::string man_commands(const CommandModel& cli);

}  // namespace kbcli

#endif  // KB_CLI_MAN_COMMANDS_H_
