// Diagnostic: a problem with one input file that did not stop the work.
#ifndef KB_DIAGNOSTIC_H_
#define KB_DIAGNOSTIC_H_

#include <string>

namespace kb {

// A plain value, as kb::Status is. A warning about one file (bad encoding, broken front matter, unreadable
// folder, ...). The file is still indexed as well as it can be, or skipped
// when nothing of it can be read; either way the rest of the work goes on.
struct Diagnostic {
  std::string path;  // relative to the knowledge-base root when inside it
  int line = 0;      // 1-based line in the file, 0 when not about a line
  std::string message;

  // "PATH:LINE: MESSAGE" (":LINE" only when line > 0).
  std::string to_string() const;
};

}  // namespace kb

#endif  // KB_DIAGNOSTIC_H_
