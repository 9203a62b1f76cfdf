#include "text/edit_distance.h"

#include <algorithm>
#include <vector>

#include "text/utf8.h"

namespace kb {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (utf8::valid_sequence_length(s, i) == 0) {
      out.push_back(U'\uFFFD');
      ++i;
    } else {
      out.push_back(utf8::next(s, i));
    }
  }
  return out;
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t bound) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  bound = std::min(bound, std::max(n, m));  // no pair is further apart
  const std::size_t over = bound + 1;
  if ((n > m ? n - m : m - n) > bound) return over;
  // Rows i-2, i-1 and i of the table; only the band |i - j| <= bound can
  // hold a distance within the bound, the rest stays `over`.
  std::vector<std::size_t> before(m + 1, over);
  std::vector<std::size_t> previous(m + 1, over);
  std::vector<std::size_t> current(m + 1, over);
  for (std::size_t j = 0; j <= std::min(m, bound); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t low = i > bound ? i - bound : 0;
    const std::size_t high = std::min(m, i + bound);
    // Only the band is written, so that a pair costs O(n × bound), not
    // O(n × m). The cell left of it is read below and may hold a value of
    // an older row; right of the band no row has written yet.
    if (low > 0) current[low - 1] = over;
    std::size_t row_min = over;
    if (low == 0) row_min = current[0] = i;
    for (std::size_t j = std::max<std::size_t>(low, 1); j <= high; ++j) {
      const std::size_t replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      std::size_t d = std::min({previous[j] + 1, current[j - 1] + 1, replace});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      current[j] = std::min(d, over);
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > bound) return over;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], over);
}

}  // namespace kb
