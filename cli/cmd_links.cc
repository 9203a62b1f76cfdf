// `kbsearch links NOTE`: the outgoing links of NOTE, each resolved.
#include "commands.h"
#include "note_argument.h"

namespace kbcli {

void setup_links(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto note = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "links", "The links of NOTE: resolved, broken, broken-anchor, ambiguous or external");
  sub->add_option("note", *note, "A path, file stem or title")->required();
  sub->add_flag("--json", *json, "JSON Lines: one \"link\" per link");
  sub->callback([&global, &exit_code, note, json] {
    exit_code = print_note_links(global, "links", *note, *json, LinkView::kOutgoing,
                                 &kb::LinkGraph::links);
  });
}

}  // namespace kbcli
