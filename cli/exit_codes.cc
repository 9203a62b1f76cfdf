#include "exit_codes.h"

#include <iostream>

namespace kbcli {

int report_error(const kb::Status& status) {
  std::cerr << "kbsearch: " << status.to_string() << "\n";
  switch (status.code()) {
    case kb::Code::kInvalidArgument:
    case kb::Code::kParseError:
      return kExitUsage;
    default:
      return kExitIndex;
  }
}

}  // namespace kbcli
