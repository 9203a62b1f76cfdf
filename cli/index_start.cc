#include "index_start.h"

#include <iostream>

namespace kbcli {

void say_how_index_starts(const kb::Index& index, const std::filesystem::path& root) {
  switch (index.start()) {
    case kb::IndexStart::kIncremental: return;
    case kb::IndexStart::kNew:
      std::cerr << "kbsearch: building the index of " << root.string() << " (first run)\n";
      return;
    case kb::IndexStart::kRebuild:
      std::cerr << "kbsearch: rebuilding the index of " << root.string() << "\n";
      return;
    case kb::IndexStart::kOtherSchema:
      std::cerr << "kbsearch: the index of " << root.string()
                << " was built by another version of kbsearch: building it anew\n";
      return;
  }
}

}  // namespace kbcli
