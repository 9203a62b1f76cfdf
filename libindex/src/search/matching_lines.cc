#include "search/matching_lines.h"

#include <set>
#include <string_view>

#include "search/snippet.h"

namespace kb {

std::vector<int> lines_with_matches(const Note& note, const std::vector<Needle>& needles,
                                    std::size_t max) {
  std::set<int> lines;
  if (max == 0) return {};
  for (const Block& block : note.blocks) {
    // Blocks come in file order: once `max` lines are found, a block that
    // starts below all of them cannot add an earlier one.
    if (lines.size() >= max && block.first_line > *lines.rbegin()) break;
    const std::string_view text = block.text;
    int line = block.first_line;
    std::size_t counted_to = 0;  // newlines before here are in `line`
    for (const Highlight& h : find_highlights(text, needles)) {
      for (; counted_to < h.begin; ++counted_to) {
        if (text[counted_to] == '\n') ++line;
      }
      lines.insert(line);
    }
  }
  std::vector<int> first(lines.begin(), lines.end());
  if (first.size() > max) first.resize(max);
  return first;
}

std::vector<MatchingLine> matching_lines(const DecodedText& file, const std::vector<int>& lines,
                                         const std::vector<Needle>& needles) {
  std::vector<MatchingLine> found;
  const std::string_view text = file.text;
  std::size_t start = 0;  // of line `at`
  int at = 1;
  for (const int wanted : lines) {
    for (; at < wanted && start < text.size(); ++at) {
      const std::size_t newline = text.find('\n', start);
      start = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    if (at != wanted || start >= text.size()) break;
    std::string_view line = text.substr(start, text.find('\n', start) - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    MatchingLine match;
    match.line = wanted;
    match.text = std::string(line);
    const std::vector<Highlight> highlights = find_highlights(line, needles);
    if (!highlights.empty()) {
      match.column = 1 + static_cast<int>(
                             encoded_size(line.substr(0, highlights.front().begin), file.encoding));
    }
    found.push_back(std::move(match));
  }
  return found;
}

}  // namespace kb
