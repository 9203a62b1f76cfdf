#include "note_argument.h"

#include <iostream>
#include <optional>
#include <system_error>

#include "display_path.h"
#include "exit_codes.h"
#include "format_template.h"
#include "query_shards.h"
#include "safe_text.h"
#include "template_fields.h"

namespace kbcli {

namespace fs = std::filesystem;

kb::Result<std::string> resolve_note_argument(const kb::LinkGraph& graph,
                                              const fs::path& root,
                                              const std::string& spec) {
  // A path from the current folder, inside the knowledge base, becomes one
  // from its root.
  std::string name = root.empty() ? std::string() : path_in_kb(root, spec);
  if (name.empty()) name = spec;
  auto found = graph.find_notes(name);
  if (!found) return found.error();
  // A usage error (exit 2), as a bad argument is: the index is fine.
  if (found->empty()) {
    return kb::Status::invalid_argument(spec, "no note by that path, name or title");
  }
  if (found->size() > 1) {
    std::cerr << "kbsearch: " << safe_text(spec) << ": names " << found->size() << " notes:\n";
    for (const std::string& path : *found) std::cerr << "  " << safe_path(path) << "\n";
    return kb::Status::invalid_argument(spec, "ambiguous; give its path");
  }
  return found->front();
}

int print_note_links(const GlobalOptions& global, const char* command, const std::string& note,
                     bool json, LinkView view, NoteLinksQuery query, const std::string& format) {
  std::optional<FormatTemplate> tmpl;
  if (kb::Status bad = parse_format_option(format, link_fields(), tmpl); !bad.ok()) {
    return report_error(bad);
  }
  auto target = query_target(global);
  if (!target) return report_error(target.error());
  auto printer = make_printer(global, json, command, *target);
  auto graph = open_graph(*target);
  if (!graph) return report_error(graph.error());
  auto path = resolve_note_argument(*graph, target->root, note);
  if (!path) return report_error(path.error());
  auto links = ((*graph).*query)(*path);
  if (!links) return report_error(links.error());
  if (tmpl) {
    auto searcher = open_searcher(*target);
    if (!searcher) return report_error(searcher.error());
    const PathDisplay paths =
        target->shards ? PathDisplay() : path_display(global, target->root);
    for (const kb::ResolvedLink& link : *links) {
      standard_output().write(tmpl->render(link_values(*searcher, link, paths)));
    }
    return links->empty() ? kExitNotFound : kExitFound;
  }
  printer->links(*links, view);
  return report_unavailable(graph->unavailable_shards(),
                            links->empty() ? kExitNotFound : kExitFound);
}

}  // namespace kbcli
