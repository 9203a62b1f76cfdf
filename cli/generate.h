// `kbsearch --generate KIND`: the files a package installs beside the
// program, written from its own command-line definition so that they
// cannot drift from it (ripgrep's --generate, with its names).
#ifndef KB_CLI_GENERATE_H_
#define KB_CLI_GENERATE_H_

#include <CLI/CLI.hpp>

namespace kbcli {

// Adds --generate complete-bash|complete-zsh|complete-fish|man-commands to
// `app`. It prints the file on stdout and ends the run with exit 0 as soon
// as it is parsed, before any subcommand is required; so it must be added
// after every subcommand, as it describes them.
void add_generate_option(CLI::App& app);

}  // namespace kbcli

#endif  // KB_CLI_GENERATE_H_
