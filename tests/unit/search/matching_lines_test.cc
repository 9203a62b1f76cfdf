// Tests for matching_lines.h: which lines of a note hold a match, and the
// byte column of the match in the file's own encoding.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "note/text_decoder.h"
#include "search/matching_lines.h"

namespace {

kb::Needle cjk(std::string text) { return kb::Needle{std::move(text), "", true}; }
const kb::Needle kAttention{"attention", "attent", false};

kb::Block block(std::string text, int first_line) {
  kb::Block b;
  b.text = std::move(text);
  b.first_line = first_line;
  b.last_line = first_line;
  for (char c : b.text) b.last_line += c == '\n';
  return b;
}

kb::Note note_of(std::vector<kb::Block> blocks) {
  kb::Note note;
  note.blocks = std::move(blocks);
  return note;
}

kb::DecodedText decoded(std::string text, std::string encoding = "utf-8") {
  kb::DecodedText file;
  file.text = std::move(text);
  file.encoding = std::move(encoding);
  return file;
}

}  // namespace

TEST_CASE("lines_with_matches gives each line with a highlight once, in order",
          "[matching_lines]") {
  // Line 3 holds two matches, line 4 none; a later block adds line 7.
  const kb::Note note = note_of({block("标题", 1), block("注意力和自注意力\n没有\n还是注意力", 3),
                                 block("Attention again", 7)});
  const std::vector<kb::Needle> needles = {cjk("注意力"), kAttention};
  CHECK(kb::lines_with_matches(note, needles, 10) == std::vector<int>{3, 5, 7});
  CHECK(kb::lines_with_matches(note, needles, 2) == std::vector<int>{3, 5});
  CHECK(kb::lines_with_matches(note, needles, 0).empty());
  CHECK(kb::lines_with_matches(note, {cjk("没有的词")}, 10).empty());
}

TEST_CASE("matching_lines counts the column in bytes of the line as written", "[matching_lines]") {
  // Markup before the word counts: the file holds it, the block text not.
  const kb::DecodedText file = decoded("# 标题\n**重点**：注意力机制\r\nno match\n");
  const std::vector<kb::MatchingLine> lines = kb::matching_lines(file, {2}, {cjk("注意力")});
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].line == 2);
  CHECK(lines[0].column == 1 + static_cast<int>(std::string("**重点**：").size()));
  CHECK(lines[0].text == "**重点**：注意力机制");  // without the CR of the line end
}

TEST_CASE("matching_lines counts a GBK or UTF-16 note's column in its own bytes",
          "[matching_lines]") {
  // "> 论文：*Attention*": 2 + 3 CJK characters before "*", then "*".
  const std::string line = "> 论文：*Attention* 注意力";
  const kb::DecodedText gbk = decoded("标题\n" + line + "\n", "gb18030");
  auto found = kb::matching_lines(gbk, {2}, {kAttention});
  REQUIRE(found.size() == 1);
  CHECK(found[0].column == 1 + 2 + 3 * 2 + 1);
  CHECK(found[0].text == line);  // UTF-8, for people
  found = kb::matching_lines(gbk, {2}, {cjk("注意力")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].column == 1 + 2 + 3 * 2 + 11 + 1);

  const kb::DecodedText utf16 = decoded("标题\n" + line + "\n", "utf-16le");
  found = kb::matching_lines(utf16, {2}, {kAttention});
  REQUIRE(found.size() == 1);
  CHECK(found[0].column == 1 + 2 * (2 + 3 + 1));
}

TEST_CASE(
    "matching_lines gives column 1 when markup splits the match, and skips "
    "lines past the end",
    "[matching_lines]") {
  const kb::DecodedText file = decoded("x\n**注意**力\n");
  const auto found = kb::matching_lines(file, {2, 9}, {cjk("注意力")});
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 2);
  CHECK(found[0].column == 1);
}

TEST_CASE("encoded_size counts the bytes of text in another encoding", "[text_decoder]") {
  CHECK(kb::encoded_size("注意力", "utf-8") == 9);
  CHECK(kb::encoded_size("注意力", "gb18030") == 6);
  CHECK(kb::encoded_size("注意力", "big5") == 6);
  CHECK(kb::encoded_size("a注", "utf-16be") == 4);  // no byte-order mark
  CHECK(kb::encoded_size("abc", "no-such-charset") == 3);
}
