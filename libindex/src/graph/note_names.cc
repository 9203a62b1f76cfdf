#include "graph/note_names.h"

#include <set>

#include "store/link_keys.h"
#include "store/term_prefixes.h"

namespace kb {

std::vector<std::string> find_notes(const IndexCatalog& catalog, std::string_view spec) {
  std::string_view name = spec;
  while (name.substr(0, 2) == "./") name.remove_prefix(2);
  const std::string key = name_key(name);
  // The first tier that names any note decides.
  for (const std::vector<std::string>& tier :
       {std::vector<std::string>{key_term(prefix::kNamePath, key)},
        std::vector<std::string>{key_term(prefix::kNameStem, key)},
        std::vector<std::string>{key_term(prefix::kNameTitle, key),
                                 key_term(prefix::kNameAlias, key)}}) {
    std::set<std::string> found;
    for (const std::string& term : tier) {
      for (const std::string& path : catalog.notes_with(term)) found.insert(path);
    }
    if (!found.empty()) return std::vector<std::string>(found.begin(), found.end());
  }
  return {};
}

}  // namespace kb
