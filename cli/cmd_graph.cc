// `kbsearch graph [--json | --format dot|json]`: the links between notes.
#include "commands.h"
#include "exit_codes.h"
#include "kb/link_graph.h"
#include "query_root.h"
#include "printer.h"

namespace kbcli {

namespace {

struct GraphOptions {
  std::string format = "dot";
  bool json = false;
};

int run_graph(const GlobalOptions& global, const GraphOptions& opt) {
  // DOT is the graph's text form.
  auto printer = make_printer(global, opt.json || opt.format == "json", "graph");
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto edges = graph->edges();
  if (!edges) return report_error(edges.error());
  printer->edges(*edges);
  return edges->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_graph(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<GraphOptions>();
  CLI::App* sub =
      app.add_subcommand("graph", "Every link between two notes, for Graphviz or tools");
  CLI::Option* format =
      sub->add_option("--format", opt->format, "dot (Graphviz) or json (JSON Lines, one edge each)")
          ->check(CLI::IsMember({"dot", "json"}))
          ->capture_default_str();
  sub->add_flag("--json", opt->json, "Same as --format json")->excludes(format);
  sub->callback([&global, &exit_code, opt] { exit_code = run_graph(global, *opt); });
}

}  // namespace kbcli
