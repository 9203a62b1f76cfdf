// `kbsearch links NOTE`: the outgoing links of NOTE, each resolved.
#include "commands.h"
#include "exit_codes.h"
#include "kb_location.h"
#include "link_output.h"
#include "note_argument.h"
#include "terminal.h"

namespace kbcli {

namespace {

struct LinksOptions {
  std::string note;
  bool json = false;
};

int run_links(const GlobalOptions& global, const LinksOptions& opt) {
  auto root = locate_kb(global.kb, /*for_indexing=*/false);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto path = resolve_note_argument(*graph, *root, opt.note);
  if (!path) return report_error(path.error());
  auto links = graph->links(*path);
  if (!links) return report_error(links.error());
  print_links(*links, LinkView::kOutgoing, opt.json, use_color(global.color));
  return links->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_links(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<LinksOptions>();
  CLI::App* sub = app.add_subcommand(
      "links", "The links of NOTE: resolved, broken, broken-anchor, ambiguous or external");
  sub->add_option("note", opt->note, "A path, file stem or title")->required();
  sub->add_flag("--json", opt->json, "JSON Lines: one \"link\" per link");
  sub->callback([&global, &exit_code, opt] { exit_code = run_links(global, *opt); });
}

}  // namespace kbcli
