#include "store/tag_spellings.h"

#include <map>

#include "note/tags.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

using Counts = std::map<std::string, long>;  // spelling -> notes

// The metadata value is "COUNT LENGTH SPELLING" repeated, so that any
// bytes may be in a spelling. A value that does not parse (from an older
// layout) counts as empty.
Counts decode(const std::string& value) {
  Counts counts;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t used = 0;
    try {
      const long count = std::stol(value.substr(pos), &used);
      pos += used + 1;
      const std::size_t length = std::stoul(value.substr(pos), &used);
      pos += used + 1;
      if (pos + length > value.size()) return {};
      counts[value.substr(pos, length)] = count;
      pos += length;
    } catch (const std::exception&) {
      return {};
    }
  }
  return counts;
}

std::string encode(const Counts& counts) {
  std::string out;
  for (const auto& [spelling, count] : counts) {
    out += std::to_string(count) + " " + std::to_string(spelling.size()) + " " + spelling;
  }
  return out;
}

}  // namespace

void count_tag_spellings(Xapian::WritableDatabase& db, const std::vector<std::string>& names,
                         int delta) {
  for (const std::string& name : names) {
    const std::string key = prefix::kTagNameKey + tag_key(name);
    Counts counts = decode(db.get_metadata(key));
    long& count = counts[name];
    count += delta;
    if (count <= 0) counts.erase(name);
    db.set_metadata(key, encode(counts));  // "" removes the key
  }
}

std::string tag_spelling(const Xapian::Database& db, const std::string& key) {
  const Counts counts = decode(db.get_metadata(prefix::kTagNameKey + key));
  const std::string* best = nullptr;
  long most = 0;
  for (const auto& [spelling, count] : counts) {  // in byte order: ties keep the first
    if (count > most) {
      best = &spelling;
      most = count;
    }
  }
  return best == nullptr ? std::string() : *best;
}

}  // namespace kb
