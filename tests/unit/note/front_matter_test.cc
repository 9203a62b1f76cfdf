// Tests for take_front_matter (libindex/src/note/front_matter.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "note/front_matter.h"
#include "test_util.h"
#include "note/text_decoder.h"

namespace {

using kbtest::lines_of;

// The decoded text of fixtures/kb/`path`.
std::string fixture_text(const std::string& path) {
  const std::string bytes =
      kbtest::read_file(std::string(KB_FIXTURES_DIR) + "/kb/" + path);
  REQUIRE_FALSE(bytes.empty());
  return kb::decode_text(bytes).text;
}

// 1-based number of the first line of `text` that starts with `prefix`.
int line_starting_with(const std::string& text, const std::string& prefix) {
  const std::vector<std::string> lines = lines_of(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind(prefix, 0) == 0) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Checks that `after` has the lines of `before`, with lines 1..`last` empty.
void check_blanked_through(const std::string& before, const std::string& after,
                           int last) {
  const std::vector<std::string> old_lines = lines_of(before);
  const std::vector<std::string> new_lines = lines_of(after);
  REQUIRE(new_lines.size() == old_lines.size());
  for (std::size_t i = 0; i < new_lines.size(); ++i) {
    INFO("line " << i + 1);
    if (static_cast<int>(i) < last) {
      CHECK(new_lines[i].empty());
    } else {
      CHECK(new_lines[i] == old_lines[i]);
    }
  }
}

}  // namespace

TEST_CASE("YAML front matter gives its scalar fields and is blanked out",
          "[front_matter]") {
  const std::string original =
      "---\n"
      "title: Transformer 精读\n"
      "date: 2024-10-20 21:40:17\n"
      "draft: false\n"
      "---\n"
      "# Heading\n"
      "body text\n";
  std::string text = original;
  const kb::FrontMatter front = kb::take_front_matter(text);

  CHECK(front.present);
  CHECK(front.diagnostics.empty());
  CHECK(front.fields == std::map<std::string, std::string>{
                            {"title", "Transformer 精读"},
                            {"date", "2024-10-20 21:40:17"},
                            {"draft", "false"}});
  check_blanked_through(original, text, 5);
}

TEST_CASE("top-level scalars are fields and nested scalars are values",
          "[front_matter]") {
  std::string text =
      "---\n"
      "title: Notes\n"
      "tags: [LLM, 注意力]\n"
      "categories:\n"
      "  - 'Daily Talk'\n"
      "author:\n"
      "  name: someone\n"
      "  links: [a.md, {deep: b.md}]\n"
      "keywords: \"#paper\"\n"
      "---\n";
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields == std::map<std::string, std::string>{
                            {"title", "Notes"}, {"keywords", "#paper"}});
  CHECK(front.nested_values ==
        std::vector<std::string>{"LLM", "注意力", "Daily Talk", "someone",
                                 "a.md", "b.md"});
}

TEST_CASE("aliases in front matter do not multiply the nested values",
          "[front_matter]") {
  // Each line repeats the list above it ten times through an alias: these
  // 283 bytes expand to 111,110 values, and nine such lines (~500 bytes)
  // to over 10^9, which exhausts memory.
  std::string text =
      "---\n"
      "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
      "l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n"
      "l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n"
      "l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n"
      "l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\n"
      "---\n";
  const std::size_t bytes = text.size();
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.nested_values.size() <= bytes);
}

TEST_CASE("hostile YAML aliases end the walk with a warning, the other keys kept",
          "[front_matter]") {
  struct Row {
    const char* what;
    std::string yaml;
  };
  const Row rows[] = {
      // An alias inside its own anchor: a cycle (was unbounded recursion).
      {"self-reference", "title: Kept\nx: &x [*x]\n"},
      {"self-reference in a map", "title: Kept\nm: &m {a: *m}\n"},
      // A long string copied by aliases: gigabytes from a few hundred KB.
      {"long string aliased", "title: Kept\nx: &x " + std::string(100000, 'z') +
                                  "\ny: [" + [] {
                                    std::string refs;
                                    for (int i = 0; i < 1000; ++i) refs += "*x, ";
                                    return refs + "*x";
                                  }() + "]\n"},
      // A billion laughs whose leaves are empty lists: no strings to count,
      // 10^9 nodes to visit.
      {"empty-list laughs", "title: Kept\n"
                            "a: &a [[], [], [], [], [], [], [], [], [], []]\n"
                            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                            "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                            "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                            "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                            "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    std::string text = "---\n" + row.yaml + "---\nbody\n";
    const kb::FrontMatter front = kb::take_front_matter(text);
    CHECK(front.present);
    CHECK(front.fields.at("title") == "Kept");
    REQUIRE(front.diagnostics.size() == 1);
    CHECK(front.diagnostics[0].message.find("expands too far") != std::string::npos);
  }
}

TEST_CASE("the closing line of YAML front matter may be '...'",
          "[front_matter]") {
  std::string text = "---\ntitle: Dots\n...\nbody\n";
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields.at("title") == "Dots");
  CHECK(text == "\n\n\nbody\n");
}

TEST_CASE("delimiter lines may carry trailing blanks and CRLF line breaks",
          "[front_matter]") {
  const std::string original = "--- \r\ntitle: CRLF\r\n---\t\r\nbody\r\n";
  std::string text = original;
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields.at("title") == "CRLF");
  CHECK(text == "\n\n\nbody\r\n");
}

TEST_CASE("text that only looks like front matter is left alone",
          "[front_matter]") {
  struct Row {
    const char* what;
    std::string text;
  };
  const std::vector<Row> rows = {
      {"no closing line", "---\ntitle: open\nbody goes on\n"},
      {"the opening line alone", "---"},
      {"the opening line and a break", "---\n"},
      {"a blank line before the opening line", "\n---\ntitle: late\n---\n"},
      {"an indented opening line", " ---\ntitle: x\n---\n"},
      {"four dashes", "----\ntitle: x\n----\n"},
      {"a thematic break later on", "# Title\n\n---\n\ntext\n---\n"},
      {"no front matter at all", "# Title\n\nbody\n"},
      {"empty text", ""},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    std::string text = row.text;
    const kb::FrontMatter front = kb::take_front_matter(text);
    CHECK_FALSE(front.present);
    CHECK(front.fields.empty());
    CHECK(front.diagnostics.empty());
    CHECK(text == row.text);
  }
}

TEST_CASE("empty YAML front matter is present, without fields or diagnostics",
          "[front_matter]") {
  std::string text = "---\n---\n# Title\n";
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields.empty());
  CHECK(front.diagnostics.empty());
  CHECK(text == "\n\n# Title\n");
}

TEST_CASE("invalid YAML gives a diagnostic on its line and no fields",
          "[front_matter]") {
  const std::string original =
      "---\n"
      "title: ok\n"
      "tags: [a, b\n"
      "date: 2024-05-01\n"
      "---\n"
      "# Body\n";
  std::string text = original;
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields.empty());
  CHECK(front.nested_values.empty());
  REQUIRE(front.diagnostics.size() == 1);
  // yaml-cpp notices the unterminated flow list on its line (3) or later,
  // but no later than the closing line (5).
  CHECK(front.diagnostics[0].line >= 3);
  CHECK(front.diagnostics[0].line <= 5);
  check_blanked_through(original, text, 5);
}

TEST_CASE("YAML that is not a mapping gives a diagnostic and no fields",
          "[front_matter]") {
  std::string text = "---\n- just\n- a list\n---\nbody\n";
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields.empty());
  REQUIRE(front.diagnostics.size() == 1);
  CHECK(front.diagnostics[0].line == 2);
  CHECK(text == "\n\n\n\nbody\n");
}

TEST_CASE("TOML front matter between '+++' lines is taken out of the text",
          "[front_matter]") {
  const std::string original =
      "+++\ntitle = \"Hugo Style Note\"\ndraft = false\n+++\n# Hugo\n";
  std::string text = original;
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.diagnostics.empty());
  check_blanked_through(original, text, 4);
}

TEST_CASE("TOML front matter gives its scalar fields",
          "[front_matter]") {
  // The header promises that the block is parsed, and fixtures/README.md
  // expects the TOML fields of English/toml-frontmatter.md to be used.
  std::string text =
      "+++\ntitle = \"Hugo Style Note\"\ndraft = false\n+++\n# Hugo\n";
  kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.fields.count("title") == 1);
  CHECK(front.fields["title"] == "Hugo Style Note");
}

TEST_CASE("the seed post 000 has its title and date in front matter",
          "[front_matter][fixtures]") {
  const std::string original = fixture_text("posts/000_7de7bcde4ef4daba.md");
  std::string text = original;
  kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.diagnostics.empty());
  CHECK(front.fields["title"] == "一周总结与回顾-0");
  CHECK(front.fields["date"] == "2024-10-20 21:40:17");
  CHECK(front.fields["tags"] == "反思与总结");
  const int closing = line_starting_with(original.substr(4), "---") + 1;
  REQUIRE(closing > 1);
  check_blanked_through(original, text, closing);
}

TEST_CASE("the seed post 003 keeps block lists out of its fields",
          "[front_matter][fixtures]") {
  std::string text = fixture_text("posts/003_6d4cd4a21d58f612.md");
  kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields["title"] == "周记 Week19");
  CHECK(front.fields["date"] == "2024-11-17 23:12:00+0800");
  CHECK(front.fields.count("categories") == 0);
  CHECK(front.fields.count("tags") == 0);
  CHECK(front.nested_values ==
        std::vector<std::string>{"Daily Talk", "Weekly Journal", "Daily Talk",
                                 "Weekly Journal"});
}

TEST_CASE("front matter right after a BOM with CRLF line breaks is found",
          "[front_matter][fixtures]") {
  std::string text = fixture_text("edge/crlf-bom.md");
  kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.diagnostics.empty());
  CHECK(front.fields["title"] == "Windows 记事本保存的笔记");
  CHECK(front.fields["date"] == "2023-09-12");
}

TEST_CASE("the broken fixture front matter is reported on its bad line",
          "[front_matter][fixtures]") {
  const std::string original = fixture_text("edge/broken-frontmatter.md");
  // "title: 问题: 为什么" is the first line yaml-cpp cannot read.
  const int bad_line = line_starting_with(original, "title: 问题: 为什么");
  REQUIRE(bad_line > 0);
  const int closing = line_starting_with(original.substr(4), "---") + 1;
  REQUIRE(closing > bad_line);

  std::string text = original;
  const kb::FrontMatter front = kb::take_front_matter(text);
  CHECK(front.present);
  CHECK(front.fields.empty());
  CHECK(front.nested_values.empty());
  REQUIRE(front.diagnostics.size() == 1);
  CHECK(front.diagnostics[0].line == bad_line);
  check_blanked_through(original, text, closing);
  CHECK(line_starting_with(text, "# 损坏的元数据") ==
        line_starting_with(original, "# 损坏的元数据"));
}
