// Tests for parse_markdown (libindex/src/note/markdown.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "note/markdown.h"
#include "test_util.h"

namespace {

using Kind = kb::Block::Kind;

// The blocks of `doc` of the given kind, in document order.
std::vector<kb::Block> blocks_of(const kb::MarkdownDocument& doc, Kind kind) {
  std::vector<kb::Block> out;
  for (const kb::Block& b : doc.blocks) {
    if (b.kind == kind) out.push_back(b);
  }
  return out;
}

using kbtest::lines_of;

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("ATX and setext headings give their level, text and line",
          "[markdown]") {
  const kb::MarkdownDocument doc = kb::parse_markdown(
      "# One\n"          // 1
      "\n"               // 2
      "## Two\n"         // 3
      "### Three ###\n"  // 4
      "#### Four\n"      // 5
      "##### Five\n"     // 6
      "###### Six\n"     // 7
      "\n"               // 8
      "Setext one\n"     // 9
      "==========\n"     // 10
      "\n"               // 11
      "Setext two\n"     // 12
      "----------\n");   // 13
  struct Expected {
    int level;
    const char* text;
    int line;
  };
  const Expected expected[] = {{1, "One", 1},        {2, "Two", 3},
                               {3, "Three", 4},      {4, "Four", 5},
                               {5, "Five", 6},       {6, "Six", 7},
                               {1, "Setext one", 9}, {2, "Setext two", 12}};
  REQUIRE(doc.headings.size() == std::size(expected));
  for (std::size_t i = 0; i < doc.headings.size(); ++i) {
    INFO("heading " << i);
    CHECK(doc.headings[i].level == expected[i].level);
    CHECK(doc.headings[i].text == expected[i].text);
    CHECK(doc.headings[i].line == expected[i].line);
  }
  const std::vector<kb::Block> heading_blocks = blocks_of(doc, Kind::kHeading);
  REQUIRE(heading_blocks.size() == doc.headings.size());
  for (std::size_t i = 0; i < heading_blocks.size(); ++i) {
    CHECK(heading_blocks[i].text == doc.headings[i].text);
    CHECK(heading_blocks[i].first_line == doc.headings[i].line);
  }
}

TEST_CASE("inline markup is dropped and its text kept", "[markdown]") {
  struct Row {
    const char* markdown;
    const char* text;
  };
  const Row rows[] = {
      {"some *emphasis* and **strong** words", "some emphasis and strong words"},
      {"a [Transformer](Transformer.md) link", "a Transformer link"},
      {"an image ![attention diagram](img/a.png) inline",
       "an image attention diagram inline"},
      {"a `kb_query_parser` code span", "a kb_query_parser code span"},
      {"raw <span class=\"x\">HTML</span> tags", "raw HTML tags"},
      {"an autolink <https://kexue.fm>", "an autolink https://kexue.fm"},
      {"entities &amp; escapes \\*", "entities & escapes *"},
      {"# Heading with [link](x.md) and `code`",
       "Heading with link and code"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    const kb::MarkdownDocument doc = kb::parse_markdown(row.markdown);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].text == row.text);
  }
}

TEST_CASE("a paragraph keeps its soft and hard line breaks as lines",
          "[markdown]") {
  const kb::MarkdownDocument doc = kb::parse_markdown(
      "\n"
      "\n"
      "first line\n"    // 3
      "second line  \n" // 4, hard break
      "third line\n"    // 5
      "\n"
      "next paragraph\n");  // 7
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].kind == Kind::kParagraph);
  CHECK(doc.blocks[0].text == "first line\nsecond line\nthird line");
  CHECK(doc.blocks[0].first_line == 3);
  CHECK(doc.blocks[0].last_line == 5);
  CHECK(doc.blocks[1].text == "next paragraph");
  CHECK(doc.blocks[1].first_line == 7);
  CHECK(doc.blocks[1].last_line == 7);
}

TEST_CASE("a fenced code block starts at its first content line", "[markdown]") {
  struct Row {
    const char* what;
    std::string markdown;
    std::string text;
    int first_line;
    int last_line;
  };
  const std::vector<Row> rows = {
      {"backtick fence", "intro\n\n```python\nprint(1)\nprint(2)\n```\n",
       "print(1)\nprint(2)", 4, 5},
      {"tilde fence", "~~~\n# not a heading\n~~~\n", "# not a heading", 2, 2},
      {"indented fence", "   ```\n   code\n   ```\n", "code", 2, 2},
      {"unclosed fence", "```\na\nb\n", "a\nb", 2, 3},
      {"indented code block", "para\n\n    x = 1\n    y = 2\n", "x = 1\ny = 2",
       3, 4},
      {"fence in a list item", "- item\n\n  ```\n  code\n  ```\n", "code", 4,
       4},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const kb::MarkdownDocument doc = kb::parse_markdown(row.markdown);
    const std::vector<kb::Block> code = blocks_of(doc, Kind::kCode);
    REQUIRE(code.size() == 1);
    CHECK(code[0].text == row.text);
    CHECK(code[0].first_line == row.first_line);
    CHECK(code[0].last_line == row.last_line);
  }
}

TEST_CASE("a fence opened on a list or quote marker line still starts at its "
          "content",
          "[markdown]") {
  struct Row {
    const char* what;
    std::string markdown;
  };
  const std::vector<Row> rows = {
      {"block quote", "> ```\n> code\n> ```\n"},
      {"list item", "- ```\n  code\n  ```\n"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const kb::MarkdownDocument doc = kb::parse_markdown(row.markdown);
    const std::vector<kb::Block> code = blocks_of(doc, Kind::kCode);
    REQUIRE(code.size() == 1);
    CHECK(code[0].text == "code");
    CHECK(code[0].first_line == 2);
    CHECK(code[0].last_line == 2);
  }
}

TEST_CASE("an empty code block gives no block", "[markdown]") {
  const kb::MarkdownDocument doc = kb::parse_markdown("```\n```\n");
  CHECK(doc.blocks.empty());
}

TEST_CASE("HTML blocks lose their tags and keep their text and lines",
          "[markdown]") {
  const kb::MarkdownDocument doc = kb::parse_markdown(
      "para\n"                   // 1
      "\n"                       // 2
      "<div class=\"note\">\n"   // 3
      "hello <b>world</b>\n"     // 4
      "</div>\n"                 // 5
      "\n"
      "<!-- a comment only -->\n");
  const std::vector<kb::Block> html = blocks_of(doc, Kind::kHtml);
  REQUIRE(html.size() == 1);
  CHECK(html[0].first_line == 3);
  CHECK(html[0].text.find('<') == std::string::npos);
  CHECK(html[0].text.find("note") == std::string::npos);
  const std::vector<std::string> lines = lines_of(html[0].text);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[1].find("hello") != std::string::npos);
  CHECK(lines[1].find("world") != std::string::npos);
}

TEST_CASE("a '<' that starts no tag stays in the text of an HTML block",
          "[markdown]") {
  const kb::MarkdownDocument doc =
      kb::parse_markdown("<div>\n1 < 2 and 3 > 2\n</div>\n");
  const std::vector<kb::Block> html = blocks_of(doc, Kind::kHtml);
  REQUIRE(html.size() == 1);
  CHECK(html[0].text.find("1 < 2 and 3 > 2") != std::string::npos);
}

TEST_CASE("a paragraph with nothing to read gives no block", "[markdown]") {
  const char* inputs[] = {
      "![](https://cdn.jsdelivr.net/gh/x/Images@images/a.png)\n",
      "<br>\n\n<img src=\"x.png\">\n",
      "",
      "\n\n\n",
  };
  for (const char* input : inputs) {
    INFO(input);
    CHECK(kb::parse_markdown(input).blocks.empty());
  }
}

TEST_CASE("blocks know the heading they sit under", "[markdown]") {
  const kb::MarkdownDocument doc = kb::parse_markdown(
      "before any heading\n"
      "\n"
      "# A\n"
      "\n"
      "under A\n"
      "\n"
      "## B\n"
      "\n"
      "```\ncode under B\n```\n"
      "\n"
      "# C\n"
      "\n"
      "- item under C\n");
  struct Expected {
    const char* text;
    int section;
  };
  const Expected expected[] = {{"before any heading", -1}, {"A", 0},
                               {"under A", 0},             {"B", 1},
                               {"code under B", 1},        {"C", 2},
                               {"item under C", 2}};
  REQUIRE(doc.blocks.size() == std::size(expected));
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    INFO("block " << i << ": " << doc.blocks[i].text);
    CHECK(doc.blocks[i].text == expected[i].text);
    CHECK(doc.blocks[i].section == expected[i].section);
  }
}

TEST_CASE("blocks nested in lists and quotes keep their own lines",
          "[markdown]") {
  const kb::MarkdownDocument doc = kb::parse_markdown(
      "- first item\n"          // 1
      "  - nested item\n"       // 2
      "    continued\n"         // 3
      "\n"                      // 4
      "> quoted\n"              // 5
      "> > deeper quote\n");    // 6
  REQUIRE(doc.blocks.size() == 4);
  CHECK(doc.blocks[0].text == "first item");
  CHECK(doc.blocks[0].first_line == 1);
  CHECK(doc.blocks[1].text == "nested item\ncontinued");
  CHECK(doc.blocks[1].first_line == 2);
  CHECK(doc.blocks[1].last_line == 3);
  CHECK(doc.blocks[2].text == "quoted");
  CHECK(doc.blocks[2].first_line == 5);
  CHECK(doc.blocks[3].text == "deeper quote");
  CHECK(doc.blocks[3].first_line == 6);
}

TEST_CASE("CRLF line breaks do not end up in the text", "[markdown]") {
  const kb::MarkdownDocument doc =
      kb::parse_markdown("# Title\r\n\r\nline one\r\nline two\r\n");
  REQUIRE(doc.headings.size() == 1);
  CHECK(doc.headings[0].text == "Title");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[1].text == "line one\nline two");
  CHECK(doc.blocks[1].first_line == 3);
  CHECK(doc.blocks[1].last_line == 4);
}

TEST_CASE("a code span over two lines keeps the paragraph's line count",
          "[markdown]") {
  // Line k of a block's text must be file line first_line + k.
  const kb::MarkdownDocument doc =
      kb::parse_markdown("a `code\nspan` b\nthird line\n");
  REQUIRE(doc.blocks.size() == 1);
  const std::vector<std::string> lines = lines_of(doc.blocks[0].text);
  CHECK(lines.size() == 3);
  CHECK(lines.back() == "third line");
  CHECK(doc.blocks[0].last_line == 3);
}

TEST_CASE("a link whose text is a URL over two lines keeps the markup's line count", "[markdown]") {
  // Line k of a block's markup must be line k of its text: wikilinks, URLs
  // and tags take their lines from the markup.
  const kb::MarkdownDocument doc =
      kb::parse_markdown("a [see\nhttps://a.org/x](y.md) b\n[[w]] c\n");
  REQUIRE(doc.blocks.size() == 1);
  REQUIRE(doc.markup.size() == 1);
  const std::vector<std::string> markup_lines = lines_of(doc.markup[0]);
  CHECK(markup_lines.size() == lines_of(doc.blocks[0].text).size());
  CHECK(markup_lines.back() == "[[w]] c");
}

TEST_CASE("links and markup offsets know where they are in the block's text", "[markdown]") {
  // Before "[[w]]", the markup and the text differ in length at a code span,
  // raw HTML, an escaped bracket (a stand-in) and a link whose text is a URL.
  const kb::MarkdownDocument doc =
      kb::parse_markdown("# H\n\na `code` <b>x</b> \\[ [https://u.org](y.md)\n[[w]] [t](z.md)\n");
  REQUIRE(doc.blocks.size() == 2);
  REQUIRE(doc.markup_to_text.size() == 2);
  const std::string& text = doc.blocks[1].text;
  CHECK(text == "a code x [ https://u.org\n[[w]] t");
  const std::size_t in_markup = doc.markup[1].find("[[w]]");
  REQUIRE(in_markup != std::string::npos);
  CHECK(doc.markup_to_text[1].text_offset(in_markup) == text.find("[[w]]"));
  CHECK(doc.markup_to_text[1].text_offset(in_markup + 5) == text.find("[[w]]") + 5);
  REQUIRE(doc.links.size() == 2);
  for (const kb::RawLink& link : doc.links) {
    INFO(link.destination);
    CHECK(link.block == 1);
    CHECK(text.substr(link.span.begin, link.span.end - link.span.begin) == link.text);
  }
}

TEST_CASE("the links of a dropped block have none", "[markdown]") {
  const kb::MarkdownDocument doc = kb::parse_markdown("![](a.png)\n\n[b](b.md)\n");
  REQUIRE(doc.blocks.size() == 1);
  REQUIRE(doc.links.size() == 2);
  CHECK(doc.links[0].block == -1);
  CHECK(doc.links[1].block == 0);
}

TEST_CASE("deeply nested lists and quotes are parsed without overflow",
          "[markdown]") {
  constexpr std::size_t kDepth = 10000;
  struct Row {
    const char* what;
    std::string markdown;
  };
  const std::vector<Row> rows = {
      {"lists", repeat("- ", kDepth) + "deep item\n"},
      {"block quotes", repeat("> ", kDepth) + "deep quote\n"},
      {"ordered lists", repeat("1. ", kDepth) + "deep number\n"},
      {"emphasis", repeat("*", kDepth) + "starred" + repeat("*", kDepth)},
      {"brackets", repeat("[", kDepth) + "bracketed" + repeat("]", kDepth)},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const kb::MarkdownDocument doc = kb::parse_markdown(row.markdown);
    bool found = false;
    for (const kb::Block& b : doc.blocks) {
      found = found || b.text.find("deep") != std::string::npos ||
              b.text.find("starred") != std::string::npos ||
              b.text.find("bracketed") != std::string::npos;
    }
    CHECK(found);
  }
}

TEST_CASE("a one-megabyte line becomes one paragraph", "[markdown]") {
  const std::string line = repeat("attention ", 100 * 1024) + "end";
  const kb::MarkdownDocument doc = kb::parse_markdown("# Big\n\n" + line + "\n");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[1].kind == Kind::kParagraph);
  CHECK(doc.blocks[1].text == line);
  CHECK(doc.blocks[1].first_line == 3);
  CHECK(doc.blocks[1].last_line == 3);
}

TEST_CASE("the seed log 004 has its H1 and dated H2 headings on their lines",
          "[markdown][fixtures]") {
  const std::string text = kbtest::read_file(
      std::string(KB_FIXTURES_DIR) + "/kb/项目进展记录/004_3c8a9c320538d5dc.md");
  REQUIRE_FALSE(text.empty());
  const kb::MarkdownDocument doc = kb::parse_markdown(text);
  REQUIRE(doc.headings.size() >= 2);
  CHECK(doc.headings[0].level == 1);
  CHECK(doc.headings[0].text == "每日记录");
  CHECK(doc.headings[0].line == 1);
  CHECK(doc.headings[1].level == 2);
  CHECK(doc.headings[1].text == "2024.4.3");
  CHECK(doc.headings[1].line == 3);

  // Every heading sits on a source line that starts with its '#' marks.
  const std::vector<std::string> lines = lines_of(text);
  for (const kb::Heading& h : doc.headings) {
    INFO(h.text);
    REQUIRE(h.line >= 1);
    const std::string& source = lines[static_cast<std::size_t>(h.line) - 1];
    CHECK(source.rfind(std::string(static_cast<std::size_t>(h.level), '#') +
                           " ",
                       0) == 0);
    CHECK(source.find(h.text) != std::string::npos);
  }
}

TEST_CASE("every block line of seed 002 is found on its source line",
          "[markdown][fixtures]") {
  const std::string text = kbtest::read_file(
      std::string(KB_FIXTURES_DIR) + "/kb/posts/002_7d284882a2bce6d3.md");
  REQUIRE_FALSE(text.empty());
  const std::vector<std::string> source = lines_of(text);
  const kb::MarkdownDocument doc = kb::parse_markdown(text);
  REQUIRE_FALSE(doc.blocks.empty());
  for (const kb::Block& block : doc.blocks) {
    const std::vector<std::string> lines = lines_of(block.text);
    CHECK(block.last_line ==
          block.first_line + static_cast<int>(lines.size()) - 1);
    for (std::size_t k = 0; k < lines.size(); ++k) {
      const int line = block.first_line + static_cast<int>(k);
      INFO("block text line \"" << lines[k] << "\" at file line " << line);
      REQUIRE(line >= 1);
      REQUIRE(static_cast<std::size_t>(line) <= source.size());
      // Inline markup is gone from the text, so compare a short prefix of
      // the first word-like run that survives it.
      const std::string& text_line = lines[k];
      const std::size_t start = text_line.find_first_not_of(" \t");
      if (start == std::string::npos) continue;
      const std::string probe = text_line.substr(start, 6);
      CHECK(source[static_cast<std::size_t>(line) - 1].find(probe) !=
            std::string::npos);
    }
  }
}
