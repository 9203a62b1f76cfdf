#include "graph/tag_listing.h"

#include <string>

#include "note/tags.h"
#include "store/tag_spellings.h"
#include "store/term_prefixes.h"

namespace kb {

std::vector<TagCount> list_tags(const IndexReader& reader, std::string_view prefix_name) {
  const Xapian::Database& db = reader.db;
  const std::vector<Xapian::Database> shards = reader.live_databases();
  std::string key = tag_key(prefix_name);
  while (!key.empty() && key.back() == '/') key.pop_back();
  const std::string start = prefix::kTag + key;
  const std::size_t prefix_size = std::string_view(prefix::kTag).size();
  std::vector<TagCount> out;
  for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
    const std::string tag = (*it).substr(prefix_size);
    if (!key.empty() && tag != key && tag.rfind(key + "/", 0) != 0) continue;
    const std::string name = tag_spelling(shards, tag);
    out.push_back(TagCount{name.empty() ? tag : name, it.get_termfreq()});
  }
  return out;
}

}  // namespace kb
