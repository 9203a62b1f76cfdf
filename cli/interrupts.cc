#include "interrupts.h"

#include <atomic>
#include <csignal>

namespace kbcli {

namespace {

std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "used from a signal handler");

void on_signal(int signal) {
  if (received.exchange(signal) != 0) {
    // Asked twice: stop now, as the user wants.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}

}  // namespace

void catch_interrupts() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

int interrupt_signal() { return received.load(); }

}  // namespace kbcli
