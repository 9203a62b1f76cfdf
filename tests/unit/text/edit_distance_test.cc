#include "text/edit_distance.h"

#include <catch2/catch.hpp>

#include <string>

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
