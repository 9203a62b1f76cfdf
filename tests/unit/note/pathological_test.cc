// Hostile inputs for the whole note parser: each must finish, without a
// crash or a sanitizer report, and keep what can be kept. Time limits are
// ctest's; speed itself is measured in bench/, not here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "kb/note_parser.h"

TEST_CASE("a 1 MB line is parsed whole", "[pathological]") {
  std::string line;
  while (line.size() < 1'000'000) line += "注意力 attention #tag ";
  const kb::Note note = kb::parse_note("long.md", "# Long\n" + line + "\n");
  REQUIRE(note.blocks.size() == 2);
  // cmark drops the paragraph's final space, and nothing else.
  CHECK(note.blocks[1].text.size() == line.size() - 1);
  CHECK(note.tag_names() == std::vector<std::string>{"tag"});
}

TEST_CASE("10,000 nested list levels do not overflow the stack",
          "[pathological]") {
  std::string text;
  for (int level = 0; level < 10'000; ++level) {
    text += std::string(static_cast<std::size_t>(level) * 2, ' ') + "- item #deep\n";
  }
  const kb::Note note = kb::parse_note("nested.md", text);
  CHECK_FALSE(note.blocks.empty());
  CHECK(note.tag_names() == std::vector<std::string>{"deep"});
}

TEST_CASE("10,000 nested block quotes do not overflow the stack",
          "[pathological]") {
  const std::string text = std::string(10'000, '>') + " 引用 #quote\n";
  const kb::Note note = kb::parse_note("quotes.md", text);
  CHECK(note.tag_names() == std::vector<std::string>{"quote"});
}

TEST_CASE("100,000 distinct tags are all kept", "[pathological]") {
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += "#t" + std::to_string(i) + " ";
  const kb::Note note = kb::parse_note("tags.md", text);
  CHECK(note.tags.size() == 100'000);
  CHECK(note.tag_names().size() == 100'000);
}

TEST_CASE("a 50 MB note is parsed", "[pathological]") {
  const std::string paragraph =
      "大模型时代，普通人的科研何去何从？ The attention matrix is full "
      "rank after softmax. [link](other.md) #tag\n\n";
  std::string text = "---\ntitle: Huge\n---\n";
  text.reserve(50'000'000 + paragraph.size());
  while (text.size() < 50'000'000) text += paragraph;
  const kb::Note note = kb::parse_note("huge.md", text);
  CHECK(note.title == "Huge");
  const std::size_t paragraphs = (text.size() - 20) / paragraph.size();
  CHECK(note.blocks.size() >= paragraphs - 1);
  CHECK(note.links.size() == note.blocks.size());
}

TEST_CASE("10,000 unclosed brackets and emphasis runs stay linear",
          "[pathological]") {
  // cmark's own pathological cases, plus unclosed wikilinks and tags.
  std::string text;
  for (int i = 0; i < 10'000; ++i) text += "[[a *b [c ";
  text += "\n";
  for (int i = 0; i < 10'000; ++i) text += "{% x ";
  const kb::Note note = kb::parse_note("brackets.md", text);
  CHECK(note.links.empty());
}

namespace {

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

TEST_CASE("10,000 links on one line keep a bounded context each", "[pathological]") {
  // Whole-line contexts would be 10,000 copies of a 240 KB line: 2.4 GB.
  constexpr int kLinks = 10'000;
  std::string line;
  for (int i = 0; i < kLinks; ++i) line += "见 [[笔记 " + std::to_string(i) + "]] 和 ";
  const kb::Note note = kb::parse_note("line.md", "# One line\n" + line + "\n");
  REQUIRE(note.links.size() == kLinks);
  std::size_t bytes = 0;
  int misplaced = 0;
  for (int i = 0; i < kLinks; ++i) {
    const kb::Link& link = note.links[static_cast<std::size_t>(i)];
    bytes += link.context.size();
    const bool fits = code_points(link.context) <= 160 + 2;  // and two "…"
    // A wikilink shows as its target.
    const bool holds_link =
        link.context.find(" 笔记 " + std::to_string(i) + " ") != std::string::npos;
    if (link.target != "笔记 " + std::to_string(i) || link.line != 2 || !fits || !holds_link) {
      ++misplaced;  // one CHECK per link would drown a failure in 10,000 lines
    }
  }
  CHECK(misplaced == 0);
  CHECK(bytes < 4'000'000);
}

TEST_CASE("100,000 links in one paragraph each get their own line", "[pathological]") {
  // Ten links a line over 10,000 lines, with no blank line between them:
  // one paragraph. Markdown links (from cmark) and wikilinks (from the
  // text) take their lines in different ways, so the lines mix both.
  constexpr int kLinks = 100'000;
  constexpr int kPerLine = 10;
  std::string text = "# Many\n";  // so the paragraph starts on line 2
  for (int i = 0; i < kLinks; ++i) {
    const std::string n = std::to_string(i);
    text += i % 2 == 0 ? "[t" + n + "](n" + n + ".md)" : "[[n" + n + "]]";
    text += i % kPerLine == kPerLine - 1 ? "\n" : " ";
  }
  const kb::Note note = kb::parse_note("paragraph.md", text);
  REQUIRE(note.blocks.size() == 2);
  REQUIRE(note.links.size() == kLinks);
  std::vector<bool> seen(kLinks, false);
  int misplaced = 0;
  for (const kb::Link& link : note.links) {
    // The number in the target says where the link was written.
    const int i = std::stoi(link.target.substr(1));
    seen[static_cast<std::size_t>(i)] = true;
    // Each shows its text, "t12" or (a wikilink) "n13", ended by a space or
    // the line's end.
    const std::string written =
        (link.kind == kb::Link::Kind::kMarkdown ? "t" : "n") + std::to_string(i);
    const std::size_t at = (link.context + " ").find(written + " ");
    if (link.line != 2 + i / kPerLine || at == std::string::npos) {
      ++misplaced;  // one CHECK per link would drown a failure in 100,000 lines
    }
  }
  CHECK(misplaced == 0);
  CHECK(std::count(seen.begin(), seen.end(), true) == kLinks);
}

TEST_CASE("a line of 20,000 code spans keeps every line number",
          "[pathological]") {
  // Each span's words were searched from the start of its line: quadratic,
  // and a repeated word could be found in an earlier span.
  std::string line;
  for (int i = 0; i < 20000; ++i) line += "`x` ";
  const kb::Note note = kb::parse_note("spans.md", "# Spans\n\n" + line + "\n`a\nb` [[After]]\n");
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].line == 5);  // the span over lines 4-5 counted its break
}

TEST_CASE("a code span is found after the spans before it on its line", "[pathological]") {
  // The second span's words also stand in the first: searched from the
  // line's start, its line break was never counted.
  const kb::Note note =
      kb::parse_note("spans.md", "# Spans\n\n`foo bar` and `foo\nbar` then [[After]]\n");
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].line == 4);
}
