// Note graph: the parts of the link graph a drawing shows, a neighbourhood
// of one note or the whole knowledge base, with titles and folders.
#ifndef KB_SRC_GRAPH_NOTE_GRAPH_H_
#define KB_SRC_GRAPH_NOTE_GRAPH_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kb/link_graph.h"
#include "store/catalog.h"

namespace kb {

using EdgeSet = std::set<std::pair<std::string, std::string>>;

// Adds to `edges` each link of `links` from one note to another indexed
// one: a link may reach an image, a file that is no note. Throws
// Xapian::Error.
void add_note_edges(const IndexCatalog& catalog, const std::vector<ResolvedLink>& links,
                    EdgeSet& edges);

// See LinkGraph::neighbourhood(). Throws Xapian::Error.
Result<NoteGraph> note_neighbourhood(const IndexCatalog& catalog, const std::string& path,
                                     int depth, const GraphFilter& filter);

// See LinkGraph::whole_graph(). Throws Xapian::Error.
Result<NoteGraph> whole_note_graph(const IndexCatalog& catalog, const GraphFilter& filter);

}  // namespace kb

#endif  // KB_SRC_GRAPH_NOTE_GRAPH_H_
