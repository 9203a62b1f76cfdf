#include "graph/link_suggestion.h"

#include <algorithm>
#include <bit>
#include <tuple>

#include "graph/link_resolver.h"
#include "store/link_keys.h"
#include "store/term_prefixes.h"
#include "text/edit_distance.h"

namespace kb {

namespace {

// A set of the code points of `s`, hashed into 64 bits.
std::uint64_t letters_of(std::u32string_view s) {
  std::uint64_t set = 0;
  for (const char32_t c : s) set |= std::uint64_t{1} << ((c * 0x9E3779B97F4A7C15ull) >> 58);
  return set;
}

// At most the edit distance of two names with these letter sets: each code
// point one has and the other lacks takes an edit (a hash collision only
// makes the bound lower).
std::size_t fewest_edits(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::size_t>(std::max(std::popcount(a & ~b), std::popcount(b & ~a)));
}

// Keys longer than this may be shortened with a hash in their terms
// (key_term()); nobody types such a name to have it suggested.
constexpr std::size_t kLongestKey = kMaxTermBytes - 24;

}  // namespace

std::size_t allowed_edits(std::size_t code_points) { return code_points / 3; }

NoteSuggester::NoteSuggester(const IndexCatalog& catalog) : catalog_(catalog) {
  const Xapian::Database& db = catalog.database();
  for (const char* name_prefix : {prefix::kNameStem, prefix::kNameTitle, prefix::kNameAlias}) {
    const std::string p = name_prefix;
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
      const std::string term = *t;
      if (term.size() - p.size() > kLongestKey) continue;
      std::u32string key = code_points(std::string_view(term).substr(p.size()));
      if (key.empty()) continue;
      const std::uint64_t letters = letters_of(key);
      if (by_length_.size() <= key.size()) by_length_.resize(key.size() + 1);
      for (auto d = db.postlist_begin(term); d != db.postlist_end(term); ++d) {
        by_length_[key.size()].push_back(Name{key, letters, *d});
      }
    }
  }
}

std::string NoteSuggester::suggest(std::string_view target) {
  if (target.empty() || target.back() == '/' || names_other_file(target)) return "";
  const std::string wanted = stem_key(target);
  if (const auto known = suggested_.find(wanted); known != suggested_.end()) {
    return known->second;
  }
  const std::u32string key = code_points(wanted);
  const std::uint64_t letters = letters_of(key);
  const std::size_t allowed = allowed_edits(key.size());
  std::size_t best_edits = allowed + 1;
  std::string best;
  const std::size_t shortest = key.size() > allowed ? key.size() - allowed : 0;
  for (std::size_t length = shortest; length <= key.size() + allowed && length < by_length_.size();
       ++length) {
    for (const Name& name : by_length_[length]) {
      if (fewest_edits(letters, name.letters) > std::min(allowed, best_edits)) continue;
      const std::size_t edits = edit_distance(key, name.key, std::min(allowed, best_edits));
      if (edits > allowed || edits > best_edits) continue;
      std::string path = catalog_.path_of(name.note);
      if (edits < best_edits || std::make_tuple(path.size(), path) <
                                    std::make_tuple(best.size(), best)) {
        best_edits = edits;
        best = std::move(path);
      }
    }
  }
  suggested_.emplace(wanted, best);
  return best;
}

std::string suggest_heading(const Note& note, std::string_view anchor) {
  if (anchor.empty() || anchor[0] == '^') return "";
  const std::string_view last = anchor.substr(anchor.rfind('#') + 1);
  const std::u32string key = code_points(heading_key(last));
  const std::size_t allowed = allowed_edits(key.size());
  std::size_t best_edits = allowed + 1;
  std::string best;
  for (const Heading& h : note.headings) {
    for (const std::string& form : {heading_key(h.text), h.slug}) {
      const std::size_t edits = edit_distance(key, code_points(form), allowed);
      if (edits < best_edits) {
        best_edits = edits;
        best = h.text;
      }
    }
  }
  return best;
}

}  // namespace kb
