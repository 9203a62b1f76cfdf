// Index layout: where the database of a knowledge base lives, and opening
// it for reading, shared by the Searcher and the LinkGraph.
#ifndef KB_SRC_INDEX_LAYOUT_H_
#define KB_SRC_INDEX_LAYOUT_H_

#include <xapian.h>

#include <filesystem>

#include "kb/status.h"

namespace kb {

// The Xapian database folder of the knowledge base at `root`.
std::filesystem::path database_dir(const std::filesystem::path& root);

// The database of the knowledge base at `root`, for reading. kNotFound when
// there is no index, kVersionMismatch when it was built with another schema
// (update() rebuilds it), and the Xapian errors as status_from_xapian().
Result<Xapian::Database> open_for_reading(const std::filesystem::path& root);

}  // namespace kb

#endif  // KB_SRC_INDEX_LAYOUT_H_
