// Related notes: scored by the links and tags a note shares with others,
// and by the words it shares with them.
#ifndef KB_SRC_GRAPH_RELATED_H_
#define KB_SRC_GRAPH_RELATED_H_

#include <cstddef>
#include <string>
#include <vector>

#include "kb/link_graph.h"
#include "kb/status.h"
#include "store/catalog.h"

namespace kb {

// See LinkGraph::related(). kNotFound when `path` is not indexed,
// kCorruption when a record cannot be read. Throws Xapian::Error.
Result<std::vector<RelatedNote>> related_notes(const IndexCatalog& catalog,
                                               const std::string& path, std::size_t limit);

}  // namespace kb

#endif  // KB_SRC_GRAPH_RELATED_H_
