// Note links: the links into and out of one note.
#ifndef KB_SRC_GRAPH_NOTE_LINKS_H_
#define KB_SRC_GRAPH_NOTE_LINKS_H_

#include <string>
#include <vector>

#include "kb/link_graph.h"
#include "store/catalog.h"

namespace kb {

// See LinkGraph::backlinks(). kNotFound when `path` is not indexed,
// kCorruption when a source's record cannot be read. Throws Xapian::Error.
Result<std::vector<ResolvedLink>> backlinks(const IndexCatalog& catalog, const std::string& path);

// See LinkGraph::links(). Errors as backlinks().
Result<std::vector<ResolvedLink>> outgoing_links(const IndexCatalog& catalog,
                                                 const std::string& path);

// Orders links by source path, then line.
bool by_source_and_line(const ResolvedLink& a, const ResolvedLink& b);

}  // namespace kb

#endif  // KB_SRC_GRAPH_NOTE_LINKS_H_
