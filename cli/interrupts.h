// Ctrl-C and SIGTERM during `kbsearch index` and `kbsearch watch`: the
// first asks the update to stop after the note at hand, commit and exit
// with 128 + the signal (130, 143), as shells expect; a second one ends
// the process at once (the index keeps its last commit either way).
#ifndef KB_CLI_INTERRUPTS_H_
#define KB_CLI_INTERRUPTS_H_

namespace kbcli {

// Installs the handlers for SIGINT and SIGTERM.
void catch_interrupts();

// The signal received since catch_interrupts(), or 0. Async-signal-safe.
int interrupt_signal();

}  // namespace kbcli

#endif  // KB_CLI_INTERRUPTS_H_
