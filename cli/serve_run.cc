// run_serve() of kbsearch-serve: the server itself (serve_command.h).
#include <unistd.h>

#include <iostream>

#include "exit_codes.h"
#include "query_shards.h"
#include "serve_command.h"

namespace kbcli {

namespace {

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

}  // namespace

int run_serve(const GlobalOptions& global, const ServeCli& opt) {
  auto target = query_target(global);
  if (!target) return report_error(target.error());
  return serve(global, target->root, target->shards, opt.server, [&opt](const std::string& url) {
    std::cout << "kbsearch: serving " << url << " (Ctrl-C stops)" << std::endl;
    if (opt.open) open_in_browser(url);
  });
}

}  // namespace kbcli
