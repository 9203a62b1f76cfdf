// The search index kb-export writes for a browser: postings a page's
// JavaScript can answer queries from without the engine (README.md beside
// this file has the format and the lookup).
#ifndef KB_EXPORT_SEARCH_INDEX_H_
#define KB_EXPORT_SEARCH_INDEX_H_

#include <cstddef>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kbexport {

// `text` with the folding the browser's normalize('NFKC').toLowerCase()
// does for the scripts notes use: full-width ASCII to ASCII, U+3000 to a
// space, and upper case to lower case in ASCII, Latin-1, Greek and
// Cyrillic. Invalid UTF-8 bytes become separators (U+FFFD).
std::string fold(std::string_view text);

// Builds the postings of notes 0, 1, 2, ... added in that order.
class SearchIndexBuilder {
 public:
  // Adds the next note: `fields` are its searched texts (title, aliases,
  // tags, text), each folded and split into words and CJK runs.
  void add_note(const std::vector<std::string_view>& fields);

  // {"version", "fields", "words": {word: [ids]}, "cjk": {gram: [ids]}};
  // ids ascending, each once.
  nlohmann::ordered_json to_json() const;

 private:
  // Hashed while they are built (hundreds of thousands of Chinese pairs
  // in a large knowledge base), sorted when written.
  using Postings = std::unordered_map<std::string, std::vector<std::size_t>>;

  void post(Postings& postings, std::string_view term) const;

  std::size_t notes_ = 0;
  Postings words_;
  Postings cjk_;
};

}  // namespace kbexport

#endif  // KB_EXPORT_SEARCH_INDEX_H_
