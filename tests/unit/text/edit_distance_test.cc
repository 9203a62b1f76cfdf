#include "text/edit_distance.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {

std::size_t distance(const std::string& a, const std::string& b,
                     std::size_t bound = SIZE_MAX) {
  return kb::edit_distance(kb::code_points(a), kb::code_points(b), bound);
}

}  // namespace

TEST_CASE("code_points decodes UTF-8 and counts a bad byte as U+FFFD", "[edit_distance]") {
  CHECK(kb::code_points("a注意") == U"a注意");
  CHECK(kb::code_points("a\xE5z") == U"a\uFFFDz");
  CHECK(kb::code_points("").empty());
}

TEST_CASE("each insertion, deletion, replacement and swap costs one", "[edit_distance]") {
  CHECK(distance("transformer", "transformer") == 0);
  CHECK(distance("transfomer", "transformer") == 1);    // an insertion
  CHECK(distance("transformers", "transformer") == 1);  // a deletion
  CHECK(distance("transfarmer", "transformer") == 1);   // a replacement
  CHECK(distance("gtp", "gpt") == 1);                   // a swap
  CHECK(distance("kitten", "sitting") == 3);
  CHECK(distance("", "abc") == 3);
  CHECK(distance("abc", "") == 3);
  // Optimal string alignment: a swapped pair is not edited again.
  CHECK(distance("ca", "abc") == 3);
}

TEST_CASE("the distance counts code points, not bytes", "[edit_distance]") {
  CHECK(distance("注意力机制", "注意力机置") == 1);
  CHECK(distance("注意力", "意注力") == 1);
  CHECK(distance("多头注意力", "多头自注意力") == 1);
  CHECK(distance("é", "e") == 1);  // two bytes against one
}

TEST_CASE("a bound stops the count once it is exceeded", "[edit_distance]") {
  CHECK(distance("kitten", "sitting", 3) == 3);
  CHECK(distance("kitten", "sitting", 2) == 3);  // bound + 1
  CHECK(distance("kitten", "sitting", 0) == 1);
  CHECK(distance("a", "abcdefgh", 2) == 3);      // lengths alone tell
  CHECK(distance("abcdef", "abcdef", 0) == 0);
  // Within the bound the answer is exact, whatever the bound.
  for (std::size_t bound = 1; bound <= 6; ++bound) {
    CHECK(distance("transformer", "tarnsfromer", bound) == std::min<std::size_t>(2, bound + 1));
  }
}

namespace {

// The whole Damerau (optimal string alignment) table, with no band and no
// bound: what the banded, bounded count must agree with.
std::size_t full_table_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

TEST_CASE("the banded count agrees with the whole table on every bound", "[edit_distance]") {
  // Strings over three letters, so that swaps and repeats are common; a
  // fixed seed and a fixed number of pairs.
  std::uint32_t seed = 12345;
  const auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  for (int pair = 0; pair < 400; ++pair) {
    std::u32string a, b;
    for (std::uint32_t k = next() % 12; k > 0; --k) a.push_back(U'a' + (next() >> 16) % 3);
    for (std::uint32_t k = next() % 12; k > 0; --k) b.push_back(U'a' + (next() >> 16) % 3);
    const std::size_t exact = full_table_distance(a, b);
    for (std::size_t bound = 0; bound <= 12; ++bound) {
      INFO("pair " << pair << ", bound " << bound);
      const std::size_t got = kb::edit_distance(a, b, bound);
      if (exact <= bound) {
        CHECK(got == exact);
      } else {
        CHECK(got > bound);
      }
    }
  }
}
