// Tests for slug.h: heading anchors as GitHub and docsify generate them.
#include <catch2/catch.hpp>

#include <string>

#include "note/slug.h"

TEST_CASE("github_slug follows github-slugger", "[slug]") {
  struct Row {
    const char* heading;
    const char* slug;
  };
  const Row rows[] = {
      {"Scaled Dot-Product Attention!", "scaled-dot-product-attention"},
      {"文献收集总结", "文献收集总结"},
      {"多头注意力（MHA）", "多头注意力mha"},
      {"2024.4.3", "202443"},
      {"a  b", "a--b"},          // every space is a dash
      {"snake_case", "snake_case"},
      {"C++ & Rust", "c--rust"},  // "c", space, "&" dropped, space, "rust"
      {"Ünïcödé", "ünïcödé"},
      {"", ""},
  };
  for (const Row& row : rows) {
    INFO(row.heading);
    CHECK(kb::github_slug(row.heading) == row.slug);
  }
}

TEST_CASE("docsify_slug follows docsify's slugify", "[slug]") {
  struct Row {
    const char* heading;
    const char* slug;
  };
  const Row rows[] = {
      {"Scaled Dot-Product Attention!", "scaled-dot-product-attention"},
      {"文献收集总结", "文献收集总结"},
      {"多头注意力（MHA）", "多头注意力（mha）"},  // full-width parens stay
      {"2024.4.3", "_202443"},                // leading digit gets '_'
      {"a  b", "a-b"},                        // whitespace runs collapse
      {"a - b", "a-b"},
      {"  padded  ", "padded"},
      {"<b>bold</b> text", "bold-text"},
      {"Ünïcödé", "Ünïcödé"},                 // only A-Z is lowered
      {"x — y", "x-y"},                       // U+2014 is dropped
  };
  for (const Row& row : rows) {
    INFO(row.heading);
    CHECK(kb::docsify_slug(row.heading) == row.slug);
  }
}

TEST_CASE("SlugCounter numbers repeated slugs from 1", "[slug]") {
  kb::SlugCounter counter;
  CHECK(counter.unique("intro") == "intro");
  CHECK(counter.unique("usage") == "usage");
  CHECK(counter.unique("intro") == "intro-1");
  CHECK(counter.unique("intro") == "intro-2");
  kb::SlugCounter other;  // a new document starts again
  CHECK(other.unique("intro") == "intro");
}
