// Tests for exact_key.h: the key titles and queries are compared by.
#include <catch2/catch.hpp>

#include "text/exact_key.h"

TEST_CASE("exact keys drop case, width, spaces and punctuation", "[exact_key]") {
  struct Case {
    const char* text;
    const char* key;
  };
  const Case cases[] = {
      {"Java 基础", "java基础"},
      {"java基础", "java基础"},
      {"Java：基础", "java基础"},
      {"ＤＯＣＫＥＲ", "docker"},
      {"C++ 入门 (2)", "c入门2"},
      {"v2.1.0", "v210"},
      {"obsidian_ia", "obsidiania"},
      {"snake_case_name", "snakecasename"},
      {"", ""},
      {" -- ", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(kb::exact_key(c.text) == c.key);
  }
}
