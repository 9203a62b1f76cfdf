// Tests for note_record.h: the part of a note stored in the index.
#include <catch2/catch.hpp>

#include <string>

#include "store/note_record.h"

namespace {

kb::Block block(kb::Block::Kind kind, std::string text, int first, int last,
                int section) {
  kb::Block b;
  b.kind = kind;
  b.text = std::move(text);
  b.first_line = first;
  b.last_line = last;
  b.section = section;
  return b;
}

kb::Note sample_note() {
  kb::Note note;
  note.path = "大模型LM/文献精读/Transformer.md";
  note.title = "Transformer 精读";
  // The slugs differ from the text and from each other, as repeated
  // headings' do ("usage-1"), so that a record dropping them shows.
  note.headings = {kb::Heading{1, "Transformer 精读", 8, "transformer-精读", "transformer-精读"},
                   kb::Heading{2, "缩放点积注意力", 16, "缩放点积注意力", "缩放点积注意力"},
                   kb::Heading{3, "\"quoted\" \\ back\tslash", 20, "quoted--back-slash-1",
                               "quoted-\\-back-slash-1"}};
  note.blocks = {
      block(kb::Block::Kind::kHeading, "Transformer 精读", 8, 8, 0),
      block(kb::Block::Kind::kParagraph, "第一行\nsecond line\n🥰", 10, 12, 0),
      block(kb::Block::Kind::kCode, "def f():\n    return 0", 27, 28, 1),
      block(kb::Block::Kind::kHtml, "  text between tags ", 30, 30, 2),
      block(kb::Block::Kind::kParagraph, "before any heading", 1, 1, -1),
  };
  // Members that are not part of the record.
  note.fields = {{"title", "Transformer 精读"}, {"date", "2024-04-03"}};
  note.diagnostics = {kb::Diagnostic{"x.md", 3, "warning"}};
  note.mtime_ns = 123456789;
  note.size = 99;
  return note;
}

// One line per heading and block, so a mismatch shows where it is.
std::string describe(const kb::Note& n) {
  std::string out = "path=" + n.path + "\ntitle=" + n.title + "\n";
  for (const kb::Heading& h : n.headings) {
    out += "H" + std::to_string(h.level) + "@" + std::to_string(h.line) + " " +
           h.text + " #" + h.slug + " #" + h.docsify_slug + "\n";
  }
  for (const kb::Block& b : n.blocks) {
    out += "B" + std::to_string(static_cast<int>(b.kind)) + " " +
           std::to_string(b.first_line) + "-" + std::to_string(b.last_line) +
           " s" + std::to_string(b.section) + " " + b.text + "\n";
  }
  return out;
}

kb::Note note_with_tagged_blocks() {
  kb::Note note = sample_note();
  note.tagged_blocks = {
      kb::TaggedBlock{kb::TaggedBlock::Kind::kListItem, "#LLM #attention 在 softmax 之后\n第二段", 15,
                      17, {"LLM", "attention"}},
      kb::TaggedBlock{kb::TaggedBlock::Kind::kHeading, "读论文 #LLM", 20, 20, {"LLM"}},
      kb::TaggedBlock{kb::TaggedBlock::Kind::kParagraph, "a #项目/分子动力学 b", 22, 22,
                      {"项目/分子动力学", "LLM"}},
  };
  return note;
}

std::string describe_tagged(const kb::Note& n) {
  std::string out;
  for (const kb::TaggedBlock& b : n.tagged_blocks) {
    out += std::string(kb::name_of(b.kind)) + " " + std::to_string(b.first_line) + "-" +
           std::to_string(b.last_line) + " " + b.text + " |";
    for (const std::string& tag : b.tags) out += " " + tag;
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("A note record decodes to the note it was made from",
          "[note_record]") {
  const kb::Note note = sample_note();
  auto decoded = kb::decode_note_record(kb::encode_note_record(note));
  REQUIRE(decoded.has_value());
  CHECK(describe(*decoded) == describe(note));
  // Each block kind survives.
  REQUIRE(decoded->blocks.size() == 5);
  CHECK(decoded->blocks[0].kind == kb::Block::Kind::kHeading);
  CHECK(decoded->blocks[1].kind == kb::Block::Kind::kParagraph);
  CHECK(decoded->blocks[2].kind == kb::Block::Kind::kCode);
  CHECK(decoded->blocks[3].kind == kb::Block::Kind::kHtml);
}

TEST_CASE("Members outside the record stay empty after decoding",
          "[note_record]") {
  auto decoded = kb::decode_note_record(kb::encode_note_record(sample_note()));
  REQUIRE(decoded.has_value());
  CHECK(decoded->fields.empty());
  CHECK(decoded->diagnostics.empty());
  CHECK(decoded->links.empty());
  CHECK(decoded->size == 0);
}

TEST_CASE("Date, modification time and tag names round-trip", "[note_record]") {
  kb::Note note = sample_note();
  note.date = "2024-10-20T21:40:17";
  note.mtime_ns = 1'700'000'000'123'456'789;
  note.tags = {kb::Tag{"LLM", kb::Tag::Source::kInline, 15, 2},
               kb::Tag{"llm", kb::Tag::Source::kFrontMatter, 3, -1},
               kb::Tag{"项目/分子动力学", kb::Tag::Source::kCategory, 4, -1}};
  auto decoded = kb::decode_note_record(kb::encode_note_record(note));
  REQUIRE(decoded.has_value());
  CHECK(decoded->date == note.date);
  CHECK(decoded->mtime_ns == note.mtime_ns);
  // Names only, distinct case-insensitively, first spelling.
  CHECK(decoded->tag_names() ==
        std::vector<std::string>{"LLM", "项目/分子动力学"});
}

TEST_CASE("An empty note round-trips", "[note_record]") {
  kb::Note empty;
  auto decoded = kb::decode_note_record(kb::encode_note_record(empty));
  REQUIRE(decoded.has_value());
  CHECK(describe(*decoded) == describe(empty));
}

TEST_CASE("Encoding is deterministic", "[note_record]") {
  CHECK(kb::encode_note_record(sample_note()) ==
        kb::encode_note_record(sample_note()));
}

TEST_CASE("Invalid UTF-8 in a note does not break the record",
          "[note_record]") {
  kb::Note note;
  note.path = "bad.md";
  note.title = "ok";
  note.blocks = {block(kb::Block::Kind::kParagraph,
                       std::string("abc\xff\xfe" "def"), 1, 1, -1)};
  std::string data;
  REQUIRE_NOTHROW(data = kb::encode_note_record(note));
  auto decoded = kb::decode_note_record(data);
  REQUIRE(decoded.has_value());
  REQUIRE(decoded->blocks.size() == 1);
  const std::string& text = decoded->blocks[0].text;
  // The valid parts are kept around whatever replaced the bad bytes.
  CHECK(text.rfind("abc", 0) == 0);
  CHECK(text.size() >= 6);
  CHECK(text.compare(text.size() - 3, 3, "def") == 0);
  CHECK(text.find('\xff') == std::string::npos);
}

TEST_CASE("Data that is not a record of this version is kCorruption",
          "[note_record]") {
  const std::string good = kb::encode_note_record(sample_note());
  const std::string inputs[] = {
      "",
      "not json",
      "[]",
      "42",
      "{}",
      good.substr(0, good.size() / 2),  // truncated
      R"({"v":2,"path":"a.md","title":"a","headings":[],"blocks":[]})",
      R"({"v":0,"path":"a.md","title":"a","headings":[],"blocks":[]})",
      R"({"path":"a.md","title":"a","headings":[],"blocks":[]})",
      R"({"v":1})",
      R"({"v":1,"path":"a.md","title":"a","headings":[]})",
      R"({"v":1,"path":7,"title":"a","headings":[],"blocks":[]})",
      R"({"v":1,"path":"a.md","title":"a","headings":7,"blocks":[]})",
      R"({"v":1,"path":"a.md","title":"a","headings":[[1,2]],"blocks":[]})",
      R"({"v":1,"path":"a.md","title":"a","headings":[],"blocks":[[0,1,1,-1]]})",
      R"({"v":1,"path":"a.md","title":"a","headings":[],"blocks":[[0,"x",1,-1,"t"]]})",
  };
  for (const std::string& in : inputs) {
    INFO("data: " << in);
    auto decoded = kb::decode_note_record(in);
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().code() == kb::Code::kCorruption);
  }
}

TEST_CASE("A record whose compressed parts are damaged is kCorruption", "[note_record]") {
  const std::string good = kb::encode_note_record(note_with_tagged_blocks());
  REQUIRE(kb::decode_note_record(good).has_value());
  // The version byte and three frame sizes come first; every byte after them
  // is in a zstd frame. A bit flipped in any of them is refused, or (zstd
  // checks a frame's structure, not its literals) decodes to a record of
  // the same shape; it never reads out of bounds (the suite runs with
  // AddressSanitizer).
  for (std::size_t i = 4; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x10);
    auto decoded = kb::decode_note_record(bad);
    CAPTURE(i);
    if (!decoded.has_value()) {
      CHECK(decoded.error().code() == kb::Code::kCorruption);
    } else {
      CHECK(decoded->path.size() == note_with_tagged_blocks().path.size());
    }
  }
  // A summary that claims to be longer than the record.
  std::string long_summary = good;
  long_summary[1] = static_cast<char>(0x7f);
  CHECK_FALSE(kb::decode_note_record(long_summary).has_value());
  // A record cut in its last part, the tagged blocks, decodes without
  // them, not with them.
  const std::string cut = good.substr(0, good.size() - 3);
  CHECK(kb::decode_note_record(cut, {.links = true, .blocks = true, .tagged_blocks = false})
            .has_value());
  CHECK_FALSE(kb::decode_note_record(cut, {.links = true, .blocks = true, .tagged_blocks = true})
                  .has_value());
}

TEST_CASE("Each part of a record is read only when asked for", "[note_record]") {
  kb::Note note = sample_note();
  kb::Link link;
  link.raw = "[[Transformer]]";
  link.target = "Transformer";
  link.line = 3;
  link.shown_begin = 4;  // where it shows on its line
  link.shown_end = 15;
  note.links.push_back(link);
  REQUIRE_FALSE(note.blocks.empty());
  const std::string data = kb::encode_note_record(note);
  for (const bool links : {false, true}) {
    for (const bool blocks : {false, true}) {
      CAPTURE(links, blocks);
      auto decoded = kb::decode_note_record(data, {.links = links, .blocks = blocks});
      REQUIRE(decoded.has_value());
      // The summary always comes.
      CHECK(decoded->path == note.path);
      CHECK(decoded->title == note.title);
      CHECK(decoded->headings.size() == note.headings.size());
      CHECK(decoded->tag_names() == note.tag_names());
      CHECK(decoded->links.size() == (links ? note.links.size() : 0));
      if (links && decoded->links.size() == 1) {
        CHECK(decoded->links[0].shown_begin == 4);
        CHECK(decoded->links[0].shown_end == 15);
      }
      CHECK(decoded->blocks.size() == (blocks ? note.blocks.size() : 0));
    }
  }
}

// decode_note_record() promises kCorruption for anything that is not a
// record, and the library promises never to throw through its public API
// (Searcher::search decodes every hit's record).
TEST_CASE("A record whose version field has the wrong type is kCorruption",
          "[note_record]") {
  const std::string inputs[] = {
      R"({"v":"1","path":"a.md","title":"a","headings":[],"blocks":[]})",
      R"({"v":null,"path":"a.md","title":"a","headings":[],"blocks":[]})",
      R"({"v":[1],"path":"a.md","title":"a","headings":[],"blocks":[]})",
  };
  for (const std::string& in : inputs) {
    INFO("data: " << in);
    kb::Result<kb::Note> decoded = kb::Status::internal("", "not run");
    REQUIRE_NOTHROW(decoded = kb::decode_note_record(in));
    REQUIRE_FALSE(decoded.has_value());
    CHECK(decoded.error().code() == kb::Code::kCorruption);
  }
}

TEST_CASE("Tagged blocks round-trip with their kind, lines, text and tags", "[note_record]") {
  const kb::Note note = note_with_tagged_blocks();
  auto decoded = kb::decode_note_record(kb::encode_note_record(note));
  REQUIRE(decoded.has_value());
  CHECK(describe_tagged(*decoded) == describe_tagged(note));
  // The other parts are still where they were.
  CHECK(describe(*decoded) == describe(note));
}

TEST_CASE("A note without tagged blocks stores no frame for them", "[note_record]") {
  kb::Note note = note_with_tagged_blocks();
  const std::size_t with = kb::encode_note_record(note).size();
  note.tagged_blocks.clear();
  const std::string data = kb::encode_note_record(note);
  CHECK(data.size() < with);
  auto decoded = kb::decode_note_record(data);
  REQUIRE(decoded.has_value());
  CHECK(decoded->tagged_blocks.empty());
  CHECK(describe(*decoded) == describe(note));
}

TEST_CASE("Tagged blocks are decoded only when asked for, and alone", "[note_record]") {
  const std::string data = kb::encode_note_record(note_with_tagged_blocks());
  auto without = kb::decode_note_record(
      data, kb::RecordParts{.links = true, .blocks = true, .tagged_blocks = false});
  REQUIRE(without.has_value());
  CHECK(without->tagged_blocks.empty());
  CHECK(without->blocks.size() == 5);
  auto alone = kb::decode_note_record(
      data, kb::RecordParts{.links = false, .blocks = false, .tagged_blocks = true});
  REQUIRE(alone.has_value());
  CHECK(alone->blocks.empty());
  CHECK(describe_tagged(*alone) == describe_tagged(note_with_tagged_blocks()));
}
