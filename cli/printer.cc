#include "printer.h"

#include <system_error>

#include "commands.h"
#include "kb_location.h"
#include "run_settings.h"
#include "terminal.h"

namespace kbcli {

PathDisplay path_display(const GlobalOptions& global, const std::filesystem::path& root) {
  std::error_code ec;
  return PathDisplay(root, std::filesystem::current_path(ec), global.root_paths);
}

std::unique_ptr<Printer> make_printer(const GlobalOptions& global, bool json,
                                      std::string command, const std::filesystem::path& root) {
  PathDisplay paths = path_display(global, root);
  if (json) return make_json_printer(standard_output(), std::move(command), std::move(paths));
  return make_text_printer(standard_output(), use_color(run_settings(global).color.value),
                           std::move(paths));
}

std::unique_ptr<Printer> make_shard_printer(const GlobalOptions& global, bool json,
                                            std::string command) {
  if (json) return make_json_printer(standard_output(), std::move(command));
  return make_text_printer(standard_output(), use_color(run_settings(global).color.value));
}

std::unique_ptr<Printer> make_printer(const GlobalOptions& global, bool json,
                                      std::string command) {
  // The root query_root() goes on to use; when there is none, the command
  // fails before it prints a path.
  const kb::Settings& settings = run_settings(global);
  auto root = locate_kb(one_kb(global), /*for_indexing=*/false, settings.named_kbs);
  if (!root) {
    if (json) return make_json_printer(standard_output(), std::move(command));
    return make_text_printer(standard_output(), use_color(settings.color.value));
  }
  return make_printer(global, json, std::move(command), *root);
}

}  // namespace kbcli
