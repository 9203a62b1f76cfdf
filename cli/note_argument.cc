#include "note_argument.h"

#include "exit_codes.h"
#include "query_root.h"

#include <iostream>
#include <system_error>

namespace kbcli {

namespace fs = std::filesystem;

kb::Result<std::string> resolve_note_argument(const kb::LinkGraph& graph,
                                              const fs::path& root,
                                              const std::string& spec) {
  std::string name = spec;
  // A path from the current folder, inside the knowledge base, becomes one
  // from its root.
  std::error_code ec;
  const fs::path here = fs::absolute(spec, ec);
  if (fs::exists(here, ec)) {
    const fs::path relative = here.lexically_normal().lexically_relative(
        fs::absolute(root, ec).lexically_normal());
    if (!relative.empty() && *relative.begin() != "..") name = relative.generic_string();
  }
  auto found = graph.find_notes(name);
  if (!found) return found.error();
  // A usage error (exit 2), as a bad argument is: the index is fine.
  if (found->empty()) {
    return kb::Status::invalid_argument(spec, "no note by that path, name or title");
  }
  if (found->size() > 1) {
    std::cerr << "kbsearch: " << spec << ": names " << found->size() << " notes:\n";
    for (const std::string& path : *found) std::cerr << "  " << path << "\n";
    return kb::Status::invalid_argument(spec, "ambiguous; give its path");
  }
  return found->front();
}

int print_note_links(const GlobalOptions& global, const char* command, const std::string& note,
                     bool json, LinkView view, NoteLinksQuery query) {
  auto printer = make_printer(global, json, command);
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto path = resolve_note_argument(*graph, *root, note);
  if (!path) return report_error(path.error());
  auto links = ((*graph).*query)(*path);
  if (!links) return report_error(links.error());
  printer->links(*links, view);
  return links->empty() ? kExitNotFound : kExitFound;
}

}  // namespace kbcli
