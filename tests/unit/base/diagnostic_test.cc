// Tests for kb::Diagnostic::to_string (kb/diagnostic.h).
#include <catch2/catch.hpp>

#include <string>

#include "kb/diagnostic.h"

TEST_CASE("Diagnostic::to_string shows the line only when it is positive",
          "[diagnostic]") {
  struct Row {
    kb::Diagnostic diagnostic;
    const char* expected;
  };
  const Row rows[] = {
      {{"notes/a.md", 3, "front matter is not valid YAML"},
       "notes/a.md:3: front matter is not valid YAML"},
      {{"notes/a.md", 1, "first line"}, "notes/a.md:1: first line"},
      {{"notes/a.md", 0, "invalid UTF-8"}, "notes/a.md: invalid UTF-8"},
      {{"notes/a.md", -4, "negative line"}, "notes/a.md: negative line"},
      {{"edge/broken-frontmatter.md", 12345, "far down"},
       "edge/broken-frontmatter.md:12345: far down"},
      {{"日记/2024-10-21.md", 2, "坏的日期"}, "日记/2024-10-21.md:2: 坏的日期"},
  };
  for (const Row& row : rows) {
    INFO("expected " << row.expected);
    CHECK(row.diagnostic.to_string() == row.expected);
  }
}

TEST_CASE("a default Diagnostic is not about a line", "[diagnostic]") {
  const kb::Diagnostic diagnostic;
  CHECK(diagnostic.line == 0);
  CHECK(diagnostic.path.empty());
  CHECK(diagnostic.message.empty());
}
