// `kbsearch orphans`: notes no other note links to.
#include <optional>
#include <string>

#include "commands.h"
#include "exit_codes.h"
#include "format_template.h"
#include "query_root.h"
#include "printer.h"
#include "template_fields.h"

namespace kbcli {

namespace {

int run_orphans(const GlobalOptions& global, bool json, const std::string& format) {
  std::optional<FormatTemplate> tmpl;
  if (kb::Status bad = parse_format_option(format, note_fields(), tmpl); !bad.ok()) {
    return report_error(bad);
  }
  auto printer = make_printer(global, json, "orphans");
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto orphans = graph->orphans();
  if (!orphans) return report_error(orphans.error());
  if (tmpl) {
    auto searcher = kb::Searcher::open(*root);
    if (!searcher) return report_error(searcher.error());
    const PathDisplay paths = path_display(global, *root);
    for (const std::string& path : *orphans) {
      standard_output().write(tmpl->render(note_values(*searcher, path, paths)));
    }
    return orphans->empty() ? kExitNotFound : kExitFound;
  }
  printer->note_paths(*orphans);
  return orphans->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_orphans(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("orphans", "Notes with no incoming links");
  auto format = std::make_shared<std::string>();
  sub->add_flag("--json", *json, "JSON Lines: one \"note\" per note");
  add_format_option(*sub, *format, note_fields(), "each note")->excludes("--json");
  sub->callback([&global, &exit_code, json, format] {
    exit_code = run_orphans(global, *json, *format);
  });
}

}  // namespace kbcli
