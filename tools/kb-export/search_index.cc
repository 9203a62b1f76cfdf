#include "search_index.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace kbexport {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at `pos` and moves past it; a byte that does not
// start a valid sequence is U+FFFD, one byte long.
char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    ++pos;
    return kReplacement;
  }
  if (pos + length > s.size()) {
    ++pos;
    return kReplacement;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  pos += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t fold_code_point(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
  if (cp == 0x3000) return U' ';
  if (cp >= U'A' && cp <= U'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;     // Latin-1
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;  // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                 // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

// The ranges the browser's lookup (README.md) treats as CJK: each
// character is a term, and so is each pair of neighbours.
bool is_cjk(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||    // kana
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||    // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK compatibility ideographs
         (cp >= 0x20000 && cp <= 0x2FFFF);    // CJK extensions B and later
}

// Letters and digits of words (after fold()): ASCII, Latin-1 and Latin
// Extended, Greek, Cyrillic; everything else separates words.
bool is_word_char(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
         (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF);
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    append_utf8(out, fold_code_point(next_code_point(text, pos)));
  }
  return out;
}

void SearchIndexBuilder::post(Postings& postings, std::string_view term) const {
  std::vector<std::size_t>& ids = postings[std::string(term)];
  if (ids.empty() || ids.back() != notes_) ids.push_back(notes_);
}

void SearchIndexBuilder::add_note(const std::vector<std::string_view>& fields) {
  for (std::string_view field : fields) {
    const std::string folded = fold(field);
    const std::string_view text = folded;
    std::size_t word_start = std::string_view::npos;  // of the word being read
    std::size_t previous_cjk = std::string_view::npos;  // of the CJK character before
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t start = pos;
      const char32_t cp = next_code_point(text, pos);
      if (is_word_char(cp)) {
        if (word_start == std::string_view::npos) word_start = start;
      } else if (word_start != std::string_view::npos) {
        post(words_, text.substr(word_start, start - word_start));
        word_start = std::string_view::npos;
      }
      if (is_cjk(cp)) {
        post(cjk_, text.substr(start, pos - start));
        if (previous_cjk != std::string_view::npos) {
          post(cjk_, text.substr(previous_cjk, pos - previous_cjk));
        }
        previous_cjk = start;
      } else {
        previous_cjk = std::string_view::npos;
      }
    }
    if (word_start != std::string_view::npos) post(words_, text.substr(word_start));
  }
  ++notes_;
}

namespace {

// {term: ids}, terms in byte (code point) order.
nlohmann::ordered_json sorted(const std::unordered_map<std::string, std::vector<std::size_t>>& postings) {
  std::vector<const std::pair<const std::string, std::vector<std::size_t>>*> entries;
  entries.reserve(postings.size());
  for (const auto& entry : postings) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(), [](auto a, auto b) { return a->first < b->first; });
  // Appended, not inserted: ordered_json's insert searches the keys
  // before it, which is quadratic, and these are distinct and in order.
  nlohmann::ordered_json::object_t out;
  out.reserve(entries.size());
  for (const auto* entry : entries) out.emplace_back(entry->first, entry->second);
  return out;
}

}  // namespace

nlohmann::ordered_json SearchIndexBuilder::to_json() const {
  return {{"version", 1},
          {"fields", {"title", "aliases", "tags", "text"}},
          {"words", sorted(words_)},
          {"cjk", sorted(cjk_)}};
}

}  // namespace kbexport
