// `kbsearch serve-index [--port N] [--bind ADDR]`: the index of a knowledge
// base served read-only over Xapian's remote protocol, by Xapian's own
// server xapian-tcpsrv (Debian xapian-tools), for `--remote HOST:PORT` and
// [kb.NAME] remote on other machines (kb/shards.h).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "commands.h"
#include "exit_codes.h"
#include "kb/searcher.h"
#include "kb/shards.h"
#include "query_root.h"

namespace kbcli {

namespace {

struct ServeIndexCli {
  unsigned port = 0;  // 0: a free one, printed
  std::string bind = "127.0.0.1";
};

// The server, for the signal handler to pass a Ctrl-C or a SIGTERM on to.
volatile sig_atomic_t server_group = 0;

void stop_server(int) {
  // xapian-tcpsrv ends its whole process group (itself and the process of
  // each connection) on SIGTERM: it runs in a group of its own.
  if (server_group > 0) kill(-server_group, SIGTERM);
}

// A socket of the IPv4 address `bind`, or -1 with errno set.
int ipv4_socket(const std::string& bind, unsigned port, sockaddr_in& address) {
  address = sockaddr_in{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, bind.c_str(), &address.sin_addr) != 1) {
    errno = EINVAL;
    return -1;
  }
  return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

// A port of `bind` that nobody listens on now, as the kernel picks one for
// port 0: xapian-tcpsrv refuses 0 itself. Another program may take it
// before the server does; the server then fails to start, and says so.
kb::Result<unsigned> free_port(const std::string& bind) {
  sockaddr_in address{};
  const int fd = ipv4_socket(bind, 0, address);
  if (fd < 0) {
    return kb::Status::invalid_argument("--bind " + bind, "not an IPv4 address of this machine");
  }
  socklen_t size = sizeof address;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  const int error = errno;
  close(fd);
  if (!ok) return kb::Status::io_error("--bind " + bind, std::strerror(error));
  return static_cast<unsigned>(ntohs(address.sin_port));
}

// True once the server answers at bind:port as a remote shard: a whole
// handshake, as a client makes it (a bare connect() would make the server
// log a broken connection).
bool answering(const std::string& bind, unsigned port) {
  kb::Result<kb::Shard> shard = kb::remote_shard(
      "serve-index", (bind == "0.0.0.0" ? "127.0.0.1" : bind) + ":" + std::to_string(port),
      std::chrono::milliseconds(1000));
  if (!shard) return false;
  kb::ShardSet one;
  one.shards.push_back(*shard);
  return kb::Searcher::open(one).has_value();
}

int run_serve_index(const GlobalOptions& global, const ServeIndexCli& opt) {
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  kb::Result<std::filesystem::path> index = kb::served_index_file(*root);
  if (!index) return report_error(index.error());
  kb::Result<unsigned> port = opt.port != 0 ? kb::Result<unsigned>(opt.port) : free_port(opt.bind);
  if (!port) return report_error(port.error());
  if (opt.bind != "127.0.0.1") {
    report_warning("serving to every machine that can reach " + opt.bind +
                   ": Xapian's remote protocol has no password and no encryption");
  }
  const std::string port_text = std::to_string(*port);
  // Before the fork: a Ctrl-C from then on reaches the server (its group
  // once known) rather than ending kbsearch and leaving the server behind.
  struct sigaction stop {};
  stop.sa_handler = stop_server;
  sigaction(SIGINT, &stop, nullptr);
  sigaction(SIGTERM, &stop, nullptr);
  const pid_t parent = getpid();
  const pid_t child = fork();
  if (child < 0) return report_error(kb::Status::io_error("fork", std::strerror(errno)));
  if (child == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM);            // a server never outlives its kbsearch
    if (getppid() != parent) _exit(kExitIndex);  // it ended before the line above
    execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", opt.bind.c_str(), "--port",
           port_text.c_str(), index->c_str(), static_cast<char*>(nullptr));
    std::cerr << "kbsearch: error: cannot run xapian-tcpsrv (" << std::strerror(errno)
              << "): install Debian's xapian-tools\n";
    _exit(kExitIndex);
  }
  setpgid(child, child);  // also here, against the race with the child's own
  server_group = child;

  // Said once the server answers, so that a script may connect at once.
  constexpr auto kPoll = std::chrono::milliseconds(10);
  constexpr int kPolls = 500;  // 5 s
  int status = 0;
  bool answered = false;
  for (int poll = 0; poll < kPolls && !answered; ++poll) {
    if (waitpid(child, &status, WNOHANG) == child) {
      // Our SIGTERM (a Ctrl-C) before it answered is a clean end too.
      if (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) return kExitFound;
      report_error(kb::Status::io_error(
          "xapian-tcpsrv",
          "stopped before it listened on " + opt.bind + ":" + port_text + " (is the port taken?)"));
      return kExitIndex;
    }
    answered = answering(opt.bind, *port);
    if (!answered) std::this_thread::sleep_for(kPoll);
  }
  if (!answered) {
    stop_server(0);
    waitpid(child, &status, 0);
    report_error(
        kb::Status::io_error("xapian-tcpsrv", "did not answer as an index of this kbsearch on " +
                                                  opt.bind + ":" + port_text + " within 5 s"));
    return kExitIndex;
  }
  std::cout << "kbsearch: serving the index of " << root->string() << " at " << opt.bind << ":"
            << port_text << ", read-only (Ctrl-C stops)" << std::endl;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  // Stopped by our SIGTERM (from Ctrl-C or a service manager) is a clean end.
  if (WIFSIGNALED(status)) return WTERMSIG(status) == SIGTERM ? kExitFound : kExitIndex;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? kExitFound : kExitIndex;
}

}  // namespace

void setup_serve_index(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<ServeIndexCli>();
  CLI::App* sub = app.add_subcommand(
      "serve-index",
      "Serve the index read-only to `kbsearch --remote HOST:PORT` elsewhere (xapian-tcpsrv)");
  sub->add_option("--port", opt->port, "Listen on port N; 0 for a free one, printed")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  sub->add_option("--bind", opt->bind,
                  "Listen on this IPv4 address; 0.0.0.0 for every one (the protocol has no "
                  "password: a trusted network only)")
      ->capture_default_str();
  sub->callback([&global, &exit_code, opt] { exit_code = run_serve_index(global, *opt); });
}

}  // namespace kbcli
