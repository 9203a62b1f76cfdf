// Tests for record_dictionary.h: the zstd dictionary of an index
// generation's note records, trained by its first build.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "kb/index.h"
#include "kb/searcher.h"
#include "store/index_folder.h"
#include "store/index_schema.h"
#include "store/note_record.h"
#include "store/record_dictionary.h"
#include "store/term_prefixes.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace {

// A note of about 1.5 KB in a weekly report's manner: the same headings and
// words in every note, in another order, and a word of its own.
std::string weekly_report(int n) {
  static const char* const kWords[] = {"注意力", "机制", "softmax", "attention", "模型", "训练",
                                       "数据集", "实验",   "loss",    "梯度",      "论文", "复现"};
  std::uint32_t seed = 2654435761u * static_cast<std::uint32_t>(n + 1);
  std::string text = "---\ntitle: 周报 " + std::to_string(n) + "\ntags: [周报, LLM]\n---\n";
  for (const char* heading : {"## 本周进展\n\n", "## 遇到的问题\n\n", "## 下周计划\n\n"}) {
    text += heading;
    for (int w = 0; w < 50; ++w) {
      seed = seed * 1664525u + 1013904223u;
      text += kWords[(seed >> 16) % (sizeof kWords / sizeof *kWords)];
      text += w % 9 == 8 ? "。\n" : " ";
    }
    text += "\n\n";
  }
  text += "标记词 uniqword" + std::to_string(n) + "\n";
  return text;
}

std::string report_path(int n) { return "周报/" + std::to_string(1000 + n) + ".md"; }

void write_reports(const fs::path& root, int from, int to) {
  for (int n = from; n < to; ++n) kbtest::write_file(root / report_path(n), weekly_report(n));
}

void update(const fs::path& root) {
  auto index = kb::Index::open(root, kbtest::fast_index_options());
  REQUIRE(index.has_value());
  REQUIRE(index->update().has_value());
}

// The first hit of `query`, with its snippet.
kb::Hit first_hit(const fs::path& root, const std::string& query) {
  auto searcher = kb::Searcher::open(root);
  REQUIRE(searcher.has_value());
  auto results = searcher->search(query);
  REQUIRE(results.has_value());
  REQUIRE_FALSE(results->hits.empty());
  return results->hits.front();
}

}  // namespace

TEST_CASE("A first build of enough notes trains a dictionary; every record uses it and reads back",
          "[record_dictionary]") {
  kbtest::TempDir tmp;
  write_reports(tmp.path(), 0, 300);  // about 450 KB
  update(tmp.path());

  auto db = kb::open_for_reading(tmp.path());
  REQUIRE(db.has_value());
  const auto dictionary =
      kb::CompressionDictionary::load(db->get_metadata(kb::kRecordDictionaryKey));
  REQUIRE(dictionary.has_value());
  std::size_t stored = 0, alone = 0;
  for (int n = 0; n < 300; ++n) {
    const std::string record = db->get_metadata(kb::record_key(report_path(n)));
    REQUIRE(kb::note_record_dictionary_id(record) == dictionary->id());
    auto note = kb::decode_note_record(record, {}, &*dictionary);
    REQUIRE(note.has_value());
    stored += record.size();
    alone += kb::encode_note_record(*note).size();
  }
  INFO("records " << stored << " bytes; " << alone << " compressed alone");
  CHECK(stored < alone * 9 / 10);

  // A search shows a note's title and snippet from its record.
  const kb::Hit hit = first_hit(tmp.path(), "uniqword7");
  CHECK(hit.path == report_path(7));
  CHECK(hit.title == "周报 7");
  CHECK(hit.snippet.text.find("uniqword7") != std::string::npos);

  SECTION("a note added later is compressed with the same dictionary") {
    write_reports(tmp.path(), 300, 301);
    update(tmp.path());
    auto later = kb::open_for_reading(tmp.path());
    REQUIRE(later.has_value());
    CHECK(kb::note_record_dictionary_id(later->get_metadata(kb::record_key(report_path(300)))) ==
          dictionary->id());
    CHECK(first_hit(tmp.path(), "uniqword300").title == "周报 300");
  }
}

TEST_CASE("A knowledge base too small to learn from has no dictionary, and its records read",
          "[record_dictionary]") {
  kbtest::TempDir tmp;
  write_reports(tmp.path(), 0, 5);
  update(tmp.path());
  auto db = kb::open_for_reading(tmp.path());
  REQUIRE(db.has_value());
  CHECK(db->get_metadata(kb::kRecordDictionaryKey).empty());
  CHECK(kb::note_record_dictionary_id(db->get_metadata(kb::record_key(report_path(2)))) == 0);
  CHECK(first_hit(tmp.path(), "uniqword2").title == "周报 2");
}

TEST_CASE("A record whose dictionary is gone is a corruption error that names the note",
          "[record_dictionary]") {
  kbtest::TempDir tmp;
  write_reports(tmp.path(), 0, 300);
  update(tmp.path());
  {
    Xapian::WritableDatabase db(kb::database_path(tmp.path()).string(), Xapian::DB_OPEN);
    db.set_metadata(kb::kRecordDictionaryKey, "");
    db.commit();
  }
  // On a thread of its own: this one may remember the dictionary.
  kb::Status status;
  std::thread([&] {
    auto searcher = kb::Searcher::open(tmp.path());
    if (!searcher) {
      status = searcher.error();
      return;
    }
    auto results = searcher->search("uniqword7");
    if (!results) status = results.error();
  }).join();
  CHECK(status.code() == kb::Code::kCorruption);
  CHECK(status.subject() == report_path(7));
}
