// `kbsearch serve`: its options, and the one function that runs it.
//
// Two programs implement run_serve(). kbsearch hands the command over to
// kbsearch-serve (serve_handover.cc), its argv unchanged; kbsearch-serve,
// the same program with the web server in it, runs the server
// (serve_run.cc). So the HTTP library, and the TLS and compression
// libraries Debian builds it with, are loaded only by the server: linked
// into kbsearch, they cost every search 2.1 ms more to start (measured on
// an empty program: 1.5 ms without them, 3.6 ms with).
#ifndef KB_CLI_SERVE_COMMAND_H_
#define KB_CLI_SERVE_COMMAND_H_

#include "commands.h"
#include "web_server.h"

namespace kbcli {

struct ServeCli {
  ServeOptions server;
  bool open = false;  // --open: start the desktop's browser on the page
};

// Runs `kbsearch serve` as `opt` says; returns the exit code.
int run_serve(const GlobalOptions& global, const ServeCli& opt);

}  // namespace kbcli

#endif  // KB_CLI_SERVE_COMMAND_H_
