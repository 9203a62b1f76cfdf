// Mentions: lines of other notes that name a note without linking to it.
#ifndef KB_SRC_GRAPH_MENTIONS_H_
#define KB_SRC_GRAPH_MENTIONS_H_

#include <string>
#include <vector>

#include "kb/link_graph.h"
#include "store/catalog.h"

namespace kb {

// See LinkGraph::mentions(). kNotFound when `path` is not indexed,
// kCorruption when a record cannot be read. Throws Xapian::Error.
Result<std::vector<ResolvedLink>> mentions(const IndexCatalog& catalog, const std::string& path);

}  // namespace kb

#endif  // KB_SRC_GRAPH_MENTIONS_H_
