// Tests for link_suggestion.h: how close a name must be to be suggested,
// and the heading a broken anchor is offered. NoteSuggester, which needs an
// index, is tested end to end in tests/cli/reports_test.cc.
#include "graph/link_suggestion.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

kb::Heading heading(std::string text, std::string slug) {
  kb::Heading h;
  h.text = std::move(text);
  h.slug = std::move(slug);
  return h;
}

kb::Note transformer() {
  kb::Note note;
  note.path = "Transformer.md";
  note.headings = {heading("Transformer 精读", "transformer-精读"),
                   heading("缩放点积注意力", "缩放点积注意力"),
                   heading("多头注意力", "多头注意力"),
                   heading("Scaled Dot-Product Attention", "scaled-dot-product-attention"),
                   heading("FFN", "ffn")};
  return note;
}

}  // namespace

TEST_CASE("a suggestion may be a third of the name's code points away", "[link_suggestion]") {
  CHECK(kb::allowed_edits(0) == 0);
  CHECK(kb::allowed_edits(2) == 0);  // "注意": only an exact match
  CHECK(kb::allowed_edits(3) == 1);  // "GTP" for "GPT"
  CHECK(kb::allowed_edits(5) == 1);
  CHECK(kb::allowed_edits(6) == 2);
  CHECK(kb::allowed_edits(11) == 3);  // "Transformer"
}

TEST_CASE("a broken anchor is offered the closest heading", "[link_suggestion]") {
  const kb::Note note = transformer();
  // One code point off in five: within a third.
  CHECK(kb::suggest_heading(note, "多头注意") == "多头注意力");
  CHECK(kb::suggest_heading(note, "缩放点积注意") == "缩放点积注意力");
  // Case and width are folded before counting.
  CHECK(kb::suggest_heading(note, "transformer 精度") == "Transformer 精读");
  // A slug, misspelt, names its heading.
  CHECK(kb::suggest_heading(note, "scaled-dot-product-atention") ==
        "Scaled Dot-Product Attention");
  // Nested headings "A#B" by the last one.
  CHECK(kb::suggest_heading(note, "Transformer 精读#多头注意") == "多头注意力");
}

TEST_CASE("nothing is offered for a name far from every heading", "[link_suggestion]") {
  const kb::Note note = transformer();
  CHECK(kb::suggest_heading(note, "没有这个标题") == "");
  CHECK(kb::suggest_heading(note, "位置编码") == "");
  // Two code points: only an exact match would do, and that would resolve.
  CHECK(kb::suggest_heading(note, "FN") == "");
  CHECK(kb::suggest_heading(note, "FFM") == "FFN");
  // Block ids are not headings.
  CHECK(kb::suggest_heading(note, "^ffn") == "");
  CHECK(kb::suggest_heading(kb::Note{}, "FFN") == "");
}
