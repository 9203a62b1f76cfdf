// Tests for document_builder.h: the terms, values and data of one note.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "store/document_builder.h"
#include "store/index_schema.h"
#include "store/note_record.h"
#include "store/term_prefixes.h"
#include "test_util.h"

namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out.insert(*t);
  }
  return out;
}

// The terms of `doc` that start with `prefix`, sorted and space-separated.
// (No prefix used here is the start of another one.)
std::string terms_with_prefix(const Xapian::Document& doc,
                              const std::string& prefix) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.compare(0, prefix.size(), prefix) != 0) continue;
    if (!out.empty()) out += ' ';
    out += term;
  }
  return out;
}

using kbtest::sorted_words;

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
  auto t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term ? t.get_wdf() : 0;
}

Xapian::termpos first_position(const Xapian::Document& doc,
                               const std::string& term) {
  auto t = doc.termlist_begin();
  t.skip_to(term);
  if (t == doc.termlist_end() || *t != term) return 0;
  auto p = t.positionlist_begin();
  return p == t.positionlist_end() ? 0 : *p;
}

kb::Block block(kb::Block::Kind kind, std::string text, int line,
                int section = -1) {
  kb::Block b;
  b.kind = kind;
  b.text = std::move(text);
  b.first_line = line;
  b.last_line = line;
  b.section = section;
  return b;
}

// A note whose every field holds a different word, so each word's wdf shows
// which field it came from.
kb::Note field_note() {
  kb::Note note;
  note.path = "echo/foxtrot.md";
  note.title = "alpha";
  note.headings = {kb::Heading{2, "bravo", 3, "", ""}};
  note.blocks = {block(kb::Block::Kind::kHeading, "bravo", 3, 0),
                 block(kb::Block::Kind::kParagraph, "charlie", 5, 0),
                 block(kb::Block::Kind::kCode, "delta", 8, 0),
                 block(kb::Block::Kind::kHtml, "golf", 10, 0)};
  note.mtime_ns = 1700000000123456789;
  note.size = 42;
  return note;
}

}  // namespace

TEST_CASE("build gives each field its weight and prefix", "[document_builder]") {
  kb::DocumentBuilder builder;
  const Xapian::Document doc = builder.build(field_note());
  namespace w = kb::weight;

  CHECK(wdf_of(doc, "alpha") == w::kTitle);
  CHECK(wdf_of(doc, "Salpha") == 1);
  CHECK(wdf_of(doc, "ZSalpha") == 1);
  CHECK(wdf_of(doc, "bravo") == w::kHeading);
  CHECK(wdf_of(doc, "XHbravo") == 1);
  CHECK(wdf_of(doc, "charlie") == w::kBody);
  CHECK(wdf_of(doc, "delta") == w::kCode);
  CHECK(wdf_of(doc, "golf") == w::kBody);  // HTML text counts as body
  CHECK(wdf_of(doc, "echo") == w::kPath);
  CHECK(wdf_of(doc, "foxtrot") == w::kPath);
  CHECK(wdf_of(doc, "XPecho") == 1);
  CHECK(wdf_of(doc, "XPfoxtrot") == 1);
  CHECK(wdf_of(doc, "XPmd") == 1);

  // Field prefixes hold exactly their field's words.
  CHECK(terms_with_prefix(doc, "S") == sorted_words("Salpha"));
  CHECK(terms_with_prefix(doc, "XH") == sorted_words("XHbravo"));
  CHECK(terms_with_prefix(doc, "XP") ==
        sorted_words("XPecho XPfoxtrot XPmd"));
  CHECK(terms_with_prefix(doc, "ZS") == sorted_words("ZSalpha"));
  CHECK(terms_with_prefix(doc, "ZXH") == sorted_words("ZXHbravo"));
  // Body and code words are not field-prefixed.
  CHECK(terms_of(doc).count("XHcharlie") == 0);
  CHECK(terms_of(doc).count("Sdelta") == 0);
}

TEST_CASE("build adds the id term and folder terms and values",
          "[document_builder]") {
  kb::DocumentBuilder builder;
  kb::Note note;
  note.path = "大模型LM/文献精读/Transformer.md";
  note.title = "Transformer 精读";
  note.mtime_ns = 123;
  note.size = 456;
  note.content_hash = 789;
  const Xapian::Document doc = builder.build(note);

  CHECK(terms_with_prefix(doc, "Q") == "Q大模型LM/文献精读/Transformer.md");
  // One P term per enclosing folder, spelled as on disk.
  CHECK(terms_with_prefix(doc, "P") == "P大模型LM P大模型LM/文献精读");
  CHECK(kb::decode_file_stamp(doc.get_value(kb::slot::kFileStamp)) ==
        kb::FileStamp{123, 456, 789});
  CHECK(doc.get_value(kb::slot::kPath) == note.path);
}

TEST_CASE("A note at the root has no folder terms", "[document_builder]") {
  kb::DocumentBuilder builder;
  kb::Note note;
  note.path = "README.md";
  const Xapian::Document doc = builder.build(note);
  CHECK(terms_with_prefix(doc, "P") == "");
  CHECK(terms_with_prefix(doc, "Q") == "QREADME.md");
}

TEST_CASE("Path words split the path at / . _ and -", "[document_builder]") {
  kb::DocumentBuilder builder;
  kb::Note note;
  note.path = "大模型LM/文献精读/Trans_former-x.md";
  const Xapian::Document doc = builder.build(note);
  CHECK(terms_with_prefix(doc, "XP") ==
        sorted_words("XP大 XP大模 XP模 XP模型 XP型 XPlm "
                     "XP文 XP文献 XP献 XP献精 XP精 XP精读 XP读 "
                     "XPtrans XPformer XPx XPmd"));
}

TEST_CASE("Title and heading words are searchable as whole CJK substrings",
          "[document_builder]") {
  kb::DocumentBuilder builder;
  kb::Note note;
  note.path = "n.md";
  note.title = "注意力机制";
  note.headings = {kb::Heading{1, "多头注意力", 1, "", ""}};
  note.blocks = {block(kb::Block::Kind::kHeading, "多头注意力", 1, 0)};
  const Xapian::Document doc = builder.build(note);
  const std::set<std::string> terms = terms_of(doc);
  for (const char* t : {"S注", "S注意", "S意力", "S机制", "XH多头", "XH头注",
                        "XH注意", "XH力", "注意", "多头"}) {
    INFO(t);
    CHECK(terms.count(t) == 1);
  }
  CHECK(terms.count("S多头") == 0);   // heading words are not title words
  CHECK(terms.count("XH机制") == 0);  // and the other way round
}

TEST_CASE("Fields are far apart: no phrase spans the title and the body",
          "[document_builder]") {
  kb::DocumentBuilder builder;
  kb::Note note;
  note.path = "n.md";
  note.title = "alpha";
  note.blocks = {block(kb::Block::Kind::kParagraph, "beta gamma", 1),
                 block(kb::Block::Kind::kParagraph, "delta", 3)};
  const Xapian::Document doc = builder.build(note);
  const Xapian::termpos alpha = first_position(doc, "alpha");
  const Xapian::termpos beta = first_position(doc, "beta");
  const Xapian::termpos gamma = first_position(doc, "gamma");
  const Xapian::termpos delta = first_position(doc, "delta");
  CHECK(alpha == 1);
  CHECK(gamma == beta + 1);
  CHECK(beta > alpha + 1);
  CHECK(delta > gamma + 1);  // two blocks are two fields
}

TEST_CASE("One builder builds independent documents", "[document_builder]") {
  kb::DocumentBuilder builder;
  kb::Note first = field_note();
  kb::Note second;
  second.path = "x.md";
  second.title = "zulu";
  const Xapian::Document d1 = builder.build(first);
  const Xapian::Document d2 = builder.build(second);
  CHECK(first_position(d2, "zulu") == 1);  // positions start afresh
  CHECK(terms_of(d2).count("alpha") == 0);
  CHECK(terms_of(d1).count("zulu") == 0);
}

TEST_CASE("Built documents are found by their terms in a database",
          "[document_builder]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  kb::DocumentBuilder builder;
  kb::Note a;
  a.path = "混合/a.md";
  a.title = "Alpha";
  a.blocks = {block(kb::Block::Kind::kParagraph, "大模型时代", 1)};
  kb::Note b;
  b.path = "English/b.md";
  b.title = "Bravo";
  b.blocks = {block(kb::Block::Kind::kParagraph, "attention is all", 1)};
  db.replace_document(kb::note_id_term(a.path), builder.build(a));
  db.replace_document(kb::note_id_term(b.path), builder.build(b));

  auto paths = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::set<std::string> out;
    Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.insert(it.get_document().get_value(kb::slot::kPath));
    }
    return out;
  };
  using Q = Xapian::Query;
  CHECK(paths(Q("P混合")) == std::set<std::string>{"混合/a.md"});
  CHECK(paths(Q("PEnglish")) == std::set<std::string>{"English/b.md"});
  CHECK(paths(Q("Zattent")) == std::set<std::string>{"English/b.md"});
  CHECK(paths(Q("模型")) == std::set<std::string>{"混合/a.md"});
  CHECK(paths(Q("Salpha")) == std::set<std::string>{"混合/a.md"});
  CHECK(paths(Q("QEnglish/b.md")) == std::set<std::string>{"English/b.md"});
}

TEST_CASE("A note's block tags are XB terms, and front-matter tags are not",
          "[document_builder]") {
  kb::Note note;
  note.path = "journal.md";
  note.tags = {kb::Tag{"日记", kb::Tag::Source::kFrontMatter, 2, -1},
               kb::Tag{"LLM/attention", kb::Tag::Source::kInline, 5, 0}};
  note.tagged_blocks = {kb::TaggedBlock{kb::TaggedBlock::Kind::kListItem, "#LLM/attention 满秩",
                                        5, 5, {"LLM/attention"}}};
  kb::DocumentBuilder builder;
  const Xapian::Document doc = builder.build(note);
  // The block's tag and its ancestor, folded; not 日记, which covers no block.
  CHECK(terms_with_prefix(doc, kb::prefix::kBlockTag) == "XBllm XBllm/attention");
  CHECK(terms_with_prefix(doc, kb::prefix::kTag) == "Kllm Kllm/attention K日记");
}
