// `kbsearch mentions NOTE`: lines that name NOTE without linking to it.
#include "commands.h"
#include "note_argument.h"

namespace kbcli {

void setup_mentions(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto note = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "mentions", "Lines of other notes that name NOTE (file name, title or alias) outside links, "
                  "in notes that do not link to it");
  sub->add_option("note", *note, "A path, file stem or title")->required();
  sub->add_flag("--json", *json, "JSON Lines: one \"link\" per mention");
  sub->callback([&global, &exit_code, note, json] {
    exit_code = print_note_links(global, "mentions", *note, *json, LinkView::kIncoming,
                                 &kb::LinkGraph::mentions);
  });
}

}  // namespace kbcli
