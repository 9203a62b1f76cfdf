#include "graph/link_report.h"

#include "graph/link_resolver.h"

namespace kb {

Result<std::vector<ResolvedLink>> all_links(const IndexCatalog& catalog) {
  std::vector<ResolvedLink> all;
  for (const std::string& path : catalog.all_paths()) {
    Result<std::vector<Link>> links = catalog.links_of(path);
    if (!links) return links.error();
    for (const Link& link : *links) {
      Result<ResolvedLink> r = resolve_link(path, link, catalog);
      if (!r) return r.error();
      all.push_back(std::move(*r));
    }
  }
  return all;
}

}  // namespace kb
