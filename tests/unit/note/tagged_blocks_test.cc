// Tests for tagged_blocks.h: which blocks an inline tag covers. The rule,
// with its reasons, is in fixtures/spec/tags.md ("Blocks a tag covers").
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kb/note_parser.h"
#include "note/tagged_blocks.h"

namespace {

// "LINE:TAG,TAG" per tagged block, separated by spaces.
std::string covered(const std::string& markdown) {
  std::string out;
  for (const kb::TaggedBlock& block : kb::parse_note("n.md", markdown).tagged_blocks) {
    out += (out.empty() ? "" : " ") + std::to_string(block.first_line) + ":";
    for (std::size_t i = 0; i < block.tags.size(); ++i) out += (i ? "," : "") + block.tags[i];
  }
  return out;
}

}  // namespace

TEST_CASE("A tag on a nested bullet covers neither its parent nor its siblings",
          "[tagged_blocks]") {
  CHECK(covered("- 父\n"
                "    - #a 子\n"
                "        - 孙\n"
                "    - 兄弟\n"
                "- 下一个\n") == "2:a 3:a");
}

TEST_CASE("Every kind of list item is a block", "[tagged_blocks]") {
  CHECK(covered("1. #a one\n2. two\n\n* #b star\n+ plus #c\n") == "1:a 4:b 5:c");
}

TEST_CASE("A heading's section ends at the next heading of its level or higher",
          "[tagged_blocks]") {
  CHECK(covered("# 顶\n"
                "## 节 #a\n"
                "### 小节\n"
                "文字\n"
                "#### 更小 #b\n"
                "更深\n"
                "### 另一小节\n"
                "还在节里\n"
                "## 下一节\n"
                "不在\n"
                "# 另一个顶\n"
                "也不在\n") == "2:a 3:a 4:a 5:b,a 6:b,a 7:a 8:a");
}

TEST_CASE("A bullet under a tagged heading carries both, its own first", "[tagged_blocks]") {
  CHECK(covered("## 资料 #h\n\n- #x 条目\n    - 子条目\n") == "1:h 3:x,h 4:x,h");
}

TEST_CASE("A tag written twice, in two spellings, covers once in its first", "[tagged_blocks]") {
  CHECK(covered("- #LLM 和 #llm\n    - #Llm 子\n") == "1:LLM 2:Llm");
}

TEST_CASE("A loose bullet's paragraphs are one block with their lines", "[tagged_blocks]") {
  const kb::Note note = kb::parse_note("n.md", "- #a 第一段\n\n  第二段\n- b\n");
  REQUIRE(note.tagged_blocks.size() == 1);
  const kb::TaggedBlock& block = note.tagged_blocks[0];
  CHECK(block.kind == kb::TaggedBlock::Kind::kListItem);
  CHECK(block.text == "#a 第一段\n第二段");
  CHECK(block.first_line == 1);
  CHECK(block.last_line == 3);
}

TEST_CASE("A note without inline tags has no tagged blocks", "[tagged_blocks]") {
  CHECK(kb::parse_note("n.md", "---\ntags: [a]\n---\n# 题\n\n- 条\n").tagged_blocks.empty());
}

TEST_CASE("A block inherits at most kMaxTagsPerBlock tags, the innermost kept", "[tagged_blocks]") {
  // 100 nested bullets, each with a tag of its own: the deepest would carry
  // all 100.
  std::string markdown;
  for (int depth = 0; depth < 100; ++depth) {
    markdown += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "- #t" +
                std::to_string(depth) + " x\n";
  }
  const kb::Note note = kb::parse_note("n.md", markdown);
  REQUIRE(note.tagged_blocks.size() == 100);
  const kb::TaggedBlock& deepest = note.tagged_blocks.back();
  CHECK(deepest.tags.size() == kb::kMaxTagsPerBlock);
  CHECK(deepest.tags.front() == "t99");
  CHECK(note.tagged_blocks.front().tags == std::vector<std::string>{"t0"});
}
