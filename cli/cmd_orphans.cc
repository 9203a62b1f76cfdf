// `kbsearch orphans`: notes no other note links to.
#include "commands.h"
#include "exit_codes.h"
#include "query_root.h"
#include "printer.h"

namespace kbcli {

namespace {

int run_orphans(const GlobalOptions& global, bool json) {
  auto printer = make_printer(global, json, "orphans");
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto orphans = graph->orphans();
  if (!orphans) return report_error(orphans.error());
  printer->note_paths(*orphans);
  return orphans->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_orphans(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("orphans", "Notes with no incoming links");
  sub->add_flag("--json", *json, "JSON Lines: one \"note\" per note");
  sub->callback([&global, &exit_code, json] { exit_code = run_orphans(global, *json); });
}

}  // namespace kbcli
