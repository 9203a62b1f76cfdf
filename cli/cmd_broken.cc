// `kbsearch broken`: every broken, broken-anchor and ambiguous link.
#include "commands.h"
#include "exit_codes.h"
#include "query_shards.h"
#include "printer.h"

namespace kbcli {

namespace {

int run_broken(const GlobalOptions& global, bool json) {
  auto target = query_target(global);
  if (!target) return report_error(target.error());
  auto printer = make_printer(global, json, "broken", *target);
  auto graph = open_graph(*target);
  if (!graph) return report_error(graph.error());
  auto links = graph->broken();
  if (!links) return report_error(links.error());
  printer->links(*links, LinkView::kProblems);
  return report_unavailable(graph->unavailable_shards(),
                            links->empty() ? kExitNotFound : kExitFound);
}

}  // namespace

void setup_broken(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "broken", "Every broken, broken-anchor and ambiguous link of the knowledge base, with "
                "\"did you mean\" the closest note or heading when one is close");
  sub->add_flag("--json", *json, "JSON Lines: one \"link\" per link, with its \"suggestion\"");
  sub->callback([&global, &exit_code, json] { exit_code = run_broken(global, *json); });
}

}  // namespace kbcli
