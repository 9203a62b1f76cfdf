#include "exit_codes.h"

#include <iostream>

#include "safe_text.h"

namespace kbcli {

int report_error(const kb::Status& status) {
  // The subject may be a file name or an argument: never escapes raw.
  std::cerr << "kbsearch: " << safe_text(status.to_string()) << "\n";
  switch (status.code()) {
    case kb::Code::kInvalidArgument:
    case kb::Code::kParseError:
      return kExitUsage;
    default:
      return kExitIndex;
  }
}

void report_warning(std::string_view text) {
  std::cerr << "kbsearch: warning: " << safe_text(text) << "\n";
}

}  // namespace kbcli
