// Link report: every link of the knowledge base, resolved, for the
// whole-knowledge-base views (broken links, orphans, the graph's edges).
#ifndef KB_SRC_GRAPH_LINK_REPORT_H_
#define KB_SRC_GRAPH_LINK_REPORT_H_

#include <vector>

#include "kb/link_graph.h"
#include "store/catalog.h"

namespace kb {

// Every link of every note, by source path and line. kCorruption when a
// record cannot be read. Throws Xapian::Error.
Result<std::vector<ResolvedLink>> all_links(const IndexCatalog& catalog);

}  // namespace kb

#endif  // KB_SRC_GRAPH_LINK_REPORT_H_
