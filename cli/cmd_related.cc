// `kbsearch related NOTE`: notes that share links, tags or words with NOTE.
#include "commands.h"
#include "exit_codes.h"
#include "query_root.h"
#include "note_argument.h"
#include "printer.h"

namespace kbcli {

namespace {

struct RelatedOptions {
  std::string note;
  std::size_t limit = 10;
  bool json = false;
};

int run_related(const GlobalOptions& global, const RelatedOptions& opt) {
  auto printer = make_printer(global, opt.json, "related");
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto path = resolve_note_argument(*graph, *root, opt.note);
  if (!path) return report_error(path.error());
  auto related = graph->related(*path, opt.limit);
  if (!related) return report_error(related.error());
  printer->related_notes(*related);
  return related->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_related(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<RelatedOptions>();
  CLI::App* sub = app.add_subcommand(
      "related", "Notes related to NOTE, each with why: a link between them, shared link targets, "
      "shared tags, similar words");
  sub->add_option("note", opt->note, "A path, file stem or title")->required();
  sub->add_option("-n,--limit", opt->limit, "At most N notes")->capture_default_str();
  sub->add_flag("--json", opt->json,
                "JSON Lines: one \"note\" per note, with its score and reasons");
  sub->callback([&global, &exit_code, opt] { exit_code = run_related(global, *opt); });
}

}  // namespace kbcli
