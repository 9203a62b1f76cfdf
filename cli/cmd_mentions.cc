// `kbsearch mentions NOTE`: lines that name NOTE without linking to it.
#include "commands.h"
#include "note_argument.h"
#include "template_fields.h"

namespace kbcli {

void setup_mentions(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto note = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "mentions", "Lines of other notes that name NOTE (file name, title or alias) outside links, "
                  "in notes that do not link to it");
  sub->add_option("note", *note, "A path, file stem or title")->required();
  sub->add_flag("--json", *json, "JSON Lines: one \"link\" per mention");
  add_format_option(*sub, *format, link_fields(), "each mention")->excludes("--json");
  sub->callback([&global, &exit_code, note, json, format] {
    exit_code = print_note_links(global, "mentions", *note, *json, LinkView::kIncoming,
                                 &kb::LinkGraph::mentions, *format);
  });
}

}  // namespace kbcli
