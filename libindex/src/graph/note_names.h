// Note names: which notes a name typed by a user stands for.
#ifndef KB_SRC_GRAPH_NOTE_NAMES_H_
#define KB_SRC_GRAPH_NOTE_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

#include "store/catalog.h"

namespace kb {

// See LinkGraph::find_notes(): by path, else file stem, else title or
// alias, case-insensitively; sorted. Throws Xapian::Error.
std::vector<std::string> find_notes(const IndexCatalog& catalog, std::string_view spec);

}  // namespace kb

#endif  // KB_SRC_GRAPH_NOTE_NAMES_H_
