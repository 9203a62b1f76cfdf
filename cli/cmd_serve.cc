// `kbsearch serve [--port N] [--bind ADDR] [--allow-host NAME] [--open]`:
// the knowledge base as a local web page and a read-only JSON API
// (cli/web_server.h).
#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "commands.h"
#include "exit_codes.h"
#include "query_root.h"
#include "web_server.h"

namespace kbcli {

namespace {

struct ServeCli {
  ServeOptions server;
  bool open = false;
};

// Opens `url` in the desktop's browser (xdg-open), without waiting for it;
// where there is none (a server over SSH), the URL printed is the way in.
void open_in_browser(const std::string& url) {
  const pid_t child = fork();
  if (child == 0) {
    execlp("xdg-open", "xdg-open", url.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (child < 0) report_warning("cannot start a browser: open " + url + " yourself");
}

int run_serve(const GlobalOptions& global, const ServeCli& opt) {
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  return serve(global, *root, opt.server, [&opt](const std::string& url) {
    std::cout << "kbsearch: serving " << url << " (Ctrl-C stops)" << std::endl;
    if (opt.open) open_in_browser(url);
  });
}

}  // namespace

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
  sub->add_flag("--open", opt->open, "Open the page in the desktop's browser");
  sub->callback([&global, &exit_code, opt] { exit_code = run_serve(global, *opt); });
}

}  // namespace kbcli
