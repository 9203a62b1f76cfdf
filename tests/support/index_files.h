// Index files: where a test finds the database of a knowledge base, to
// damage it or to write to it as an older kbsearch would have.
#ifndef KB_TESTS_SUPPORT_INDEX_FILES_H_
#define KB_TESTS_SUPPORT_INDEX_FILES_H_

#include <filesystem>
#include <stdexcept>

#include "kb/index.h"
#include "store/index_folder.h"

namespace kbtest {

// The folder of the current generation of the index of `root`; throws when
// there is none.
inline std::filesystem::path current_database_dir(const std::filesystem::path& root) {
  kb::Result<std::string> generation = kb::current_generation(root);
  if (!generation || generation->empty()) {
    throw std::runtime_error("no index generation under " + root.string());
  }
  return kb::index_dir(root) / *generation;
}

}  // namespace kbtest

#endif  // KB_TESTS_SUPPORT_INDEX_FILES_H_
