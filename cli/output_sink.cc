#include "output_sink.h"

#include <cerrno>

namespace kbcli {

void OutputSink::write(std::string_view bytes) {
  if (error_ != 0 || bytes.empty()) return;
  errno = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail();
}

void OutputSink::flush() {
  if (error_ != 0) return;
  errno = 0;
  if (std::fflush(file_) != 0) fail();
}

void OutputSink::fail() {
  // A stream error without errno still is an I/O error.
  error_ = errno != 0 ? errno : EIO;
}

OutputSink& standard_output() {
  static OutputSink sink(stdout);
  return sink;
}

}  // namespace kbcli
