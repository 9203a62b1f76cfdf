#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace kbcli {

using Clock = std::chrono::steady_clock;

ProgressBar::ProgressBar(std::string label, bool enabled, std::chrono::milliseconds delay)
    : label_(std::move(label)),
      enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
      delay_(delay),
      start_(Clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(const kb::IndexProgress& progress) {
  if (!enabled_ || progress.total == 0) return;
  const Clock::time_point now = Clock::now();
  if (now - start_ < delay_) return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) &&
      progress.done < progress.total) {
    return;
  }
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(progress.done) / seconds : 0;
  const double left = rate > 0 ? static_cast<double>(progress.total - progress.done) / rate : 0;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(kWidth * progress.done / progress.total);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  // \r and a clear to the end of the line: one line, redrawn in place.
  std::fprintf(stderr, "\r%s [%s] %zu/%zu notes, %.0f/s, %.0f s left\033[K", label_.c_str(),
               bar.c_str(), progress.done, progress.total, rate, left);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace kbcli
