#include "printer.h"

#include "commands.h"
#include "run_settings.h"
#include "terminal.h"

namespace kbcli {

std::unique_ptr<Printer> make_printer(const GlobalOptions& global, bool json,
                                      std::string command) {
  if (json) return make_json_printer(standard_output(), std::move(command));
  return make_text_printer(standard_output(), use_color(run_settings(global).color.value));
}

}  // namespace kbcli
