// `kbsearch backlinks NOTE`: every note that links to NOTE.
#include "commands.h"
#include "exit_codes.h"
#include "kb_location.h"
#include "link_output.h"
#include "note_argument.h"
#include "terminal.h"

namespace kbcli {

namespace {

struct BacklinksOptions {
  std::string note;
  bool json = false;
};

int run_backlinks(const GlobalOptions& global, const BacklinksOptions& opt) {
  auto root = locate_kb(global.kb, /*for_indexing=*/false);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto path = resolve_note_argument(*graph, *root, opt.note);
  if (!path) return report_error(path.error());
  auto links = graph->backlinks(*path);
  if (!links) return report_error(links.error());
  print_links(*links, LinkView::kIncoming, opt.json, use_color(global.color));
  return links->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_backlinks(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<BacklinksOptions>();
  CLI::App* sub = app.add_subcommand(
      "backlinks", "Every link to NOTE from another note, with its line and context");
  sub->add_option("note", opt->note, "A path, file stem or title")->required();
  sub->add_flag("--json", opt->json, "JSON Lines: one \"link\" per link");
  sub->callback([&global, &exit_code, opt] { exit_code = run_backlinks(global, *opt); });
}

}  // namespace kbcli
