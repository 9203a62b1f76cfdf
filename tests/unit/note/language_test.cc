// Tests for language.h: lang:zh and lang:en.
#include <catch2/catch.hpp>

#include "kb/note_parser.h"
#include "note/language.h"

TEST_CASE("note_language weighs CJK characters against other words",
          "[language]") {
  struct Row {
    const char* markdown;
    const char* language;
  };
  const Row rows[] = {
      {"# 注意力机制\n\n缩放点积注意力的公式。", "zh"},
      // Chinese with English terms is still Chinese to its reader.
      {"用 attention 和 softmax 算权重，decoder-only 的 GPT-4 也一样。", "zh"},
      {"# Attention\n\nScaled dot-product attention divides by sqrt(d_k).", "en"},
      // A few Chinese words in an English note.
      {"The paper calls it 注意力 but the rest of this note is English prose "
       "about softmax temperature and logits.",
       "en"},
      {"", "en"},
      {"```\n中文只在代码里\n```\n\nEnglish words outside the code block.", "en"},
  };
  for (const Row& row : rows) {
    INFO(row.markdown);
    CHECK(kb::note_language(kb::parse_note("x.md", row.markdown)) == row.language);
  }
}
