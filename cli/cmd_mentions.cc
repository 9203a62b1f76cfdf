// `kbsearch mentions NOTE`: lines that name NOTE without linking to it.
#include "commands.h"
#include "exit_codes.h"
#include "kb_location.h"
#include "link_output.h"
#include "note_argument.h"
#include "terminal.h"

namespace kbcli {

namespace {

struct MentionsOptions {
  std::string note;
  bool json = false;
};

int run_mentions(const GlobalOptions& global, const MentionsOptions& opt) {
  auto root = locate_kb(global.kb, /*for_indexing=*/false);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto path = resolve_note_argument(*graph, *root, opt.note);
  if (!path) return report_error(path.error());
  auto mentions = graph->mentions(*path);
  if (!mentions) return report_error(mentions.error());
  print_links(*mentions, LinkView::kIncoming, opt.json, use_color(global.color));
  return mentions->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_mentions(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<MentionsOptions>();
  CLI::App* sub = app.add_subcommand(
      "mentions", "Lines of other notes that name NOTE (title or alias) without linking to it");
  sub->add_option("note", opt->note, "A path, file stem or title")->required();
  sub->add_flag("--json", opt->json, "JSON Lines: one \"link\" per mention");
  sub->callback([&global, &exit_code, opt] { exit_code = run_mentions(global, *opt); });
}

}  // namespace kbcli
