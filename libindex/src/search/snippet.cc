#include "search/snippet.h"

#include <algorithm>
#include <optional>
#include <set>

#include "text/joined_forms.h"
#include "text/segmenter.h"
#include "text/utf8.h"

namespace kb {

namespace {

constexpr std::string_view kEllipsis = "…";

// A character that continues a non-CJK word ("é" does, "中" does not).
bool is_latin_word_char(char32_t c) {
  return Xapian::Unicode::is_wordchar(static_cast<unsigned>(c)) && !is_cjk(c);
}

bool latin_word_before(std::string_view s, std::size_t at) {
  if (at == 0) return false;
  std::size_t start = at - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  return is_latin_word_char(utf8::next(s, start));
}

// The end of the word that starts at `at`.
std::size_t latin_word_end(std::string_view s, std::size_t at) {
  std::size_t end = at;
  while (end < s.size()) {
    std::size_t next = end;
    if (!is_latin_word_char(utf8::next(s, next))) break;
    end = next;
  }
  return end;
}

// The length of the leading run of ASCII digits, or of anything else:
// "gpt4" -> 3, "4bit" -> 1.
std::size_t letters_or_digits_prefix(std::string_view word) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t n = 1;
  while (n < word.size() && digit(word[n]) == digit(word[0])) ++n;
  return std::min(n, word.size());
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

// Matches of needles in `folded` (normalised text), as byte ranges of it. A
// CJK needle matches anywhere; another needle matches a whole word equal to
// it or with the same stem ("happy" and "happiness" share "happi").
std::vector<Highlight> match_folded(std::string_view folded,
                                    const std::vector<Needle>& needles,
                                    std::set<std::size_t>* matched) {
  // One a thread: a Stem keeps its work in the object, and one shared by
  // the threads of a server corrupted it (wrong stems, "stemming
  // exception!", crashes).
  thread_local const Xapian::Stem stemmer("english");
  std::vector<Highlight> found;
  // Read once, on the first word a needle may match only joined.
  std::optional<std::vector<LetterDigitSplit>> splits;
  for (std::size_t n = 0; n < needles.size(); ++n) {
    const Needle& needle = needles[n];
    if (needle.text.empty()) continue;
    // Every word that matches starts with what the word and its stem share,
    // and a joined form ("gpt4" for "gpt-4") with its first part.
    const std::size_t first_part = letters_or_digits_prefix(needle.text);
    const bool may_be_joined = !needle.cjk && first_part < needle.text.size();
    const std::string_view probe =
        needle.cjk ? std::string_view(needle.text)
                   : std::string_view(needle.text)
                         .substr(0, std::max<std::size_t>(
                                        1, std::min(common_prefix(needle.text, needle.stem),
                                                    first_part)));
    for (std::size_t at = folded.find(probe); at != std::string_view::npos;
         at = folded.find(probe, at + 1)) {
      std::size_t end = at + probe.size();
      if (!needle.cjk) {
        if (latin_word_before(folded, at)) continue;
        end = latin_word_end(folded, at);
        const std::string word(folded.substr(at, end - at));
        if (word != needle.text && stemmer(word) != needle.stem) {
          // The index holds "gpt-4" also as "gpt4" (text/joined_forms.h),
          // so a needle "gpt4" lights up the two words it joins.
          if (!may_be_joined) continue;
          if (!splits) splits = letter_digit_splits(folded);
          const auto split = std::find_if(splits->begin(), splits->end(),
                                          [&](const LetterDigitSplit& s) {
                                            return s.begin == at && s.joined == needle.text;
                                          });
          if (split == splits->end()) continue;
          end = split->end;
        }
      }
      found.push_back(Highlight{at, end});
      if (matched) matched->insert(n);
    }
  }
  return found;
}

std::vector<Highlight> merge(std::vector<Highlight> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const Highlight& a, const Highlight& b) {
              return a.begin < b.begin;
            });
  std::vector<Highlight> merged;
  for (const Highlight& r : ranges) {
    if (!merged.empty() && r.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

std::vector<Highlight> highlights_and_matches(
    std::string_view text, const std::vector<Needle>& needles,
    std::set<std::size_t>* matched) {
  std::vector<std::size_t> map;
  const std::string folded = normalize_with_map(text, map);
  std::vector<Highlight> ranges;
  for (const Highlight& f : match_folded(folded, needles, matched)) {
    // A highlight ends where the piece of text holding its last byte ends.
    const std::size_t begin = map[f.begin];
    std::size_t j = f.end;
    while (j < map.size() && map[j] == map[f.end - 1]) ++j;
    const std::size_t end = j < map.size() ? map[j] : text.size();
    ranges.push_back(Highlight{begin, end});
  }
  return merge(std::move(ranges));
}

// Moves `pos` back to the start of the UTF-8 character it is in.
std::size_t char_start(std::string_view s, std::size_t pos) {
  while (pos > 0 && pos < s.size() &&
         (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) {
    --pos;
  }
  return pos;
}

// Byte offset `count` characters after (or before, when negative) `pos`.
std::size_t advance_chars(std::string_view s, std::size_t pos, long count) {
  for (; count > 0 && pos < s.size(); --count) utf8::next(s, pos);
  for (; count < 0 && pos > 0; ++count) pos = char_start(s, pos - 1);
  return pos;
}

Snippet cut(std::string_view text, const std::vector<Highlight>& highlights,
            std::size_t max_chars) {
  const std::size_t anchor = highlights.empty() ? 0 : highlights.front().begin;
  const long before = static_cast<long>(max_chars / 4);
  std::size_t begin = advance_chars(text, anchor, -before);
  // Start at the line the match is on when that line starts close enough.
  std::size_t line_start = text.rfind('\n', anchor == 0 ? 0 : anchor - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  if (line_start > begin && line_start <= anchor) begin = line_start;
  const std::size_t end =
      advance_chars(text, begin, static_cast<long>(max_chars));

  Snippet snippet;
  const bool cut_front = begin > 0;
  if (cut_front) snippet.text += kEllipsis;
  const std::size_t shift = snippet.text.size();
  for (char c : text.substr(begin, end - begin)) {
    snippet.text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (end < text.size()) snippet.text += kEllipsis;
  for (const Highlight& h : highlights) {
    if (h.begin < begin || h.end > end) continue;
    snippet.highlights.push_back(
        Highlight{h.begin - begin + shift, h.end - begin + shift});
  }
  return snippet;
}

}  // namespace

std::vector<Highlight> find_highlights(std::string_view text,
                                       const std::vector<Needle>& needles) {
  return highlights_and_matches(text, needles, nullptr);
}

BestMatch best_match(const Note& note, const std::vector<Needle>& needles,
                     std::size_t max_chars) {
  BestMatch best;
  if (note.blocks.empty()) return best;
  std::size_t best_block = 0;
  std::size_t best_distinct = 0;
  std::vector<Highlight> best_highlights;
  for (std::size_t b = 0; b < note.blocks.size(); ++b) {
    std::set<std::size_t> matched;
    std::vector<Highlight> highlights =
        highlights_and_matches(note.blocks[b].text, needles, &matched);
    if (matched.size() > best_distinct) {
      best_distinct = matched.size();
      best_block = b;
      best_highlights = std::move(highlights);
      if (best_distinct == needles.size()) break;
    }
  }
  const Block& block = note.blocks[best_block];
  best.snippet = cut(block.text, best_highlights, max_chars);
  best.section = block.section;
  best.line = block.first_line;
  const std::string_view text = block.text;
  std::size_t anchor = 0;
  if (!best_highlights.empty()) {
    const Highlight& first = best_highlights.front();
    anchor = first.begin;
    const std::string_view before = text.substr(0, first.begin);
    best.line += static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  }
  const std::size_t line_start =
      anchor == 0 ? 0 : text.rfind('\n', anchor - 1) + 1;  // npos + 1 == 0
  const std::size_t line_end = text.find('\n', anchor);
  best.line_text = std::string(text.substr(
      line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                     : line_end - line_start));
  return best;
}

std::vector<std::string> heading_path(const std::vector<Heading>& headings,
                                      int section) {
  std::vector<std::string> path;
  if (section < 0 || static_cast<std::size_t>(section) >= headings.size()) {
    return path;
  }
  int level = headings[static_cast<std::size_t>(section)].level + 1;
  for (int i = section; i >= 0; --i) {
    const Heading& h = headings[static_cast<std::size_t>(i)];
    if (h.level < level) {
      path.push_back(h.text);
      level = h.level;
    }
  }
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace kb
