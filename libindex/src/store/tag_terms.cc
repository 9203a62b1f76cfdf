#include "store/tag_terms.h"

#include "note/tags.h"

namespace kb {

void add_tag_terms(const std::string& name, Xapian::Document& doc, const std::string& prefix) {
  const std::string key = tag_key(name);
  for (std::size_t slash = key.find('/'); slash != std::string::npos;
       slash = key.find('/', slash + 1)) {
    const std::string ancestor = prefix + key.substr(0, slash);
    if (ancestor.size() <= kMaxTermBytes) doc.add_boolean_term(ancestor);
  }
  const std::string term = prefix + key;
  if (term.size() <= kMaxTermBytes) doc.add_boolean_term(term);
}

}  // namespace kb
