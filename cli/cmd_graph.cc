// `kbsearch graph --format dot|json`: the links between notes.
#include <nlohmann/json.hpp>

#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "kb_location.h"
#include "kb/link_graph.h"

namespace kbcli {

namespace {

std::string dot_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

int run_graph(const GlobalOptions& global, const std::string& format) {
  auto root = locate_kb(global.kb, /*for_indexing=*/false);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto edges = graph->edges();
  if (!edges) return report_error(edges.error());
  if (format == "dot") {
    std::cout << "digraph kb {\n";
    for (const auto& [from, to] : *edges) {
      std::cout << "  " << dot_quoted(from) << " -> " << dot_quoted(to) << ";\n";
    }
    std::cout << "}\n";
  } else {
    for (const auto& [from, to] : *edges) {
      const nlohmann::json edge = {{"type", "edge"}, {"data", {{"source", from}, {"target", to}}}};
      std::cout << edge.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  return edges->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_graph(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto format = std::make_shared<std::string>("dot");
  CLI::App* sub = app.add_subcommand("graph", "Every link between two notes, for Graphviz or tools");
  sub->add_option("--format", *format, "dot (Graphviz) or json (JSON Lines, one edge each)")
      ->check(CLI::IsMember({"dot", "json"}))
      ->capture_default_str();
  sub->callback([&global, &exit_code, format] { exit_code = run_graph(global, *format); });
}

}  // namespace kbcli
