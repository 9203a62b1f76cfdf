// `kbsearch serve [--port N] [--bind ADDR] [--allow-host NAME] [--watch] [--open]`:
// the knowledge base as a local web page and a read-only JSON API
// (cli/web_server.h; serve_command.h says which program runs it).
#include <memory>

#include "commands.h"
#include "serve_command.h"

namespace kbcli {

void setup_serve(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<ServeCli>();
  CLI::App* sub = app.add_subcommand(
      "serve",
      "Serve the knowledge base as a local web page: search as you type, notes with "
      "their backlinks, the tag tree and the link graph; and a read-only JSON API");
  sub->add_option("--port", opt->server.port, "The port; 0 for any free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  sub->add_option("--bind", opt->server.bind,
                  "The address to listen on; anything but loopback lets other machines in")
      ->capture_default_str();
  sub->add_option("--allow-host", opt->server.allowed_hosts,
                  "Another name the page may be opened by (a tunnel's or a proxy's); "
                  "requests naming other hosts are refused");
  sub->add_flag("--watch", opt->server.watch,
                "Keep the index up to date while notes change (as `kbsearch watch`), "
                "instead of refreshing it before an answer");
  sub->add_flag("--open", opt->open, "Open the page in the desktop's browser");
  sub->callback([&global, &exit_code, opt] { exit_code = run_serve(global, *opt); });
}

}  // namespace kbcli
