// Tag listing: the tags of the knowledge base with their note counts.
#ifndef KB_SRC_GRAPH_TAG_LISTING_H_
#define KB_SRC_GRAPH_TAG_LISTING_H_

#include <xapian.h>

#include <string_view>
#include <vector>

#include "kb/link_graph.h"
#include "store/index_reader.h"

namespace kb {

// See LinkGraph::tags(), over the shards `reader` reads. Throws
// Xapian::Error.
std::vector<TagCount> list_tags(const IndexReader& reader, std::string_view prefix_name);

}  // namespace kb

#endif  // KB_SRC_GRAPH_TAG_LISTING_H_
