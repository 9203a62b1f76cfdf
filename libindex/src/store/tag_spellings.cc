#include "store/tag_spellings.h"

#include <charconv>
#include <map>
#include <string_view>

#include "note/tags.h"
#include "store/link_keys.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

using Counts = std::map<std::string, long>;  // spelling -> notes

// The metadata value is "COUNT LENGTH SPELLING" repeated, so that any
// bytes may be in a spelling. A value that does not parse (from an older
// layout) counts as empty.
Counts decode(std::string_view value) {
  Counts counts;
  const char* at = value.data();
  const char* const end = value.data() + value.size();
  while (at < end) {
    long count = 0;
    std::size_t length = 0;
    auto parsed = std::from_chars(at, end, count);
    if (parsed.ec != std::errc() || parsed.ptr == end || *parsed.ptr != ' ') return {};
    parsed = std::from_chars(parsed.ptr + 1, end, length);
    if (parsed.ec != std::errc() || parsed.ptr == end || *parsed.ptr != ' ') return {};
    at = parsed.ptr + 1;
    if (length > static_cast<std::size_t>(end - at)) return {};
    counts[std::string(at, length)] = count;
    at += length;
  }
  return counts;
}

// The metadata key of the folded tag `key`: hashed when too long, as terms
// are (glass refuses keys over 255 bytes).
std::string key_of(const std::string& key) { return key_term(prefix::kTagNameKey, key); }

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
    const std::string key = key_of(tag_key(name));
    Counts counts = decode(db.get_metadata(key));
    long& count = counts[name];
    count += delta;
    if (count <= 0) counts.erase(name);
    db.set_metadata(key, encode(counts));  // "" removes the key
  }
}

std::string tag_spelling(const std::vector<Xapian::Database>& shards, const std::string& key) {
  Counts counts;
  for (const Xapian::Database& db : shards) {
    for (const auto& [spelling, count] : decode(db.get_metadata(key_of(key)))) {
      counts[spelling] += count;
    }
  }
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
