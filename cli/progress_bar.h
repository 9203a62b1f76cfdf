// A one-line progress bar on stderr for long index updates: files done of
// total, files per second and the time left. Drawn only on a terminal, and
// only once the work has taken `delay`, so that quick refreshes stay
// silent; nothing at all on a pipe or in a log.
#ifndef KB_CLI_PROGRESS_BAR_H_
#define KB_CLI_PROGRESS_BAR_H_

#include <chrono>
#include <cstddef>
#include <string>

#include "kb/index.h"

namespace kbcli {

class ProgressBar {
 public:
  // `label` names the work ("indexing"). Shows nothing unless stderr is a
  // terminal and `enabled`.
  ProgressBar(std::string label, bool enabled, std::chrono::milliseconds delay);
  ~ProgressBar();  // clears the line it drew

  // For IndexOptions::on_progress. Redraws at most ten times a second.
  void update(const kb::IndexProgress& progress);

  // Clears the line it drew, so that a warning or the summary starts on a
  // clean line; the next update() draws it again.
  void clear();

 private:
  std::string label_;
  bool enabled_;
  std::chrono::milliseconds delay_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace kbcli

#endif  // KB_CLI_PROGRESS_BAR_H_
