// The link graph's queries over an open index, for the LinkGraph class and
// for the searcher's linkto: and linkedby: filters.
#ifndef KB_SRC_LINK_GRAPH_INTERNAL_H_
#define KB_SRC_LINK_GRAPH_INTERNAL_H_

#include <xapian.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kb/link_graph.h"

namespace kb {

// See LinkGraph::find_notes, backlinks and links.
std::vector<std::string> find_notes_in(const Xapian::Database& db,
                                       const std::filesystem::path& root,
                                       std::string_view spec);
Result<std::vector<ResolvedLink>> backlinks_in(const Xapian::Database& db,
                                               const std::filesystem::path& root,
                                               const std::string& path);
Result<std::vector<ResolvedLink>> links_in(const Xapian::Database& db,
                                           const std::filesystem::path& root,
                                           const std::string& path);

}  // namespace kb

#endif  // KB_SRC_LINK_GRAPH_INTERNAL_H_
