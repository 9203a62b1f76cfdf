// `kbsearch backlinks NOTE`: every note that links to NOTE.
#include "commands.h"
#include "note_argument.h"
#include "template_fields.h"

namespace kbcli {

void setup_backlinks(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto note = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "backlinks", "Every line of another note that links to NOTE, with its context");
  sub->add_option("note", *note, "A path, file stem or title")->required();
  sub->add_flag("--json", *json, "JSON Lines: one \"link\" per line");
  add_format_option(*sub, *format, link_fields(), "each link")->excludes("--json");
  sub->callback([&global, &exit_code, note, json, format] {
    exit_code = print_note_links(global, "backlinks", *note, *json, LinkView::kIncoming,
                                 &kb::LinkGraph::backlinks, *format);
  });
}

}  // namespace kbcli
