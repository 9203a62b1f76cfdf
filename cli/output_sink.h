// OutputSink: the one way kbsearch writes to stdout, every write checked.
//
// main ignores SIGPIPE, so a write to a pipe whose reader has gone fails
// with EPIPE instead of killing the process. After the first failed write
// the sink drops everything, and main decides the exit: EPIPE (as in
// `kbsearch -l word | head -1`) ends the command quietly with exit code 0,
// as ripgrep does; any other failure (ENOSPC, EIO) is reported once with
// exit code 3.
#ifndef KB_CLI_OUTPUT_SINK_H_
#define KB_CLI_OUTPUT_SINK_H_

#include <cstdio>
#include <string_view>

namespace kbcli {

class OutputSink {
 public:
  explicit OutputSink(std::FILE* file) : file_(file) {}

  // Writes `bytes` (NULs included), unless an earlier write failed.
  void write(std::string_view bytes);

  // Writes what the stream still buffers, so that its failure is seen
  // before the process exits.
  void flush();

  // errno of the first failed write or flush; 0 while all succeeded.
  int error() const { return error_; }

 private:
  void fail();

  std::FILE* file_;
  int error_ = 0;
};

// The sink of stdout, which every printer and command writes through.
OutputSink& standard_output();

}  // namespace kbcli

#endif  // KB_CLI_OUTPUT_SINK_H_
