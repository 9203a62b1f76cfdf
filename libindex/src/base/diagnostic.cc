#include "kb/diagnostic.h"

namespace kb {

std::string Diagnostic::to_string() const {
  std::string out = path;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  out += message;
  return out;
}

}  // namespace kb
