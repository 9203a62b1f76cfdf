// Tests for kb/searcher.h (searcher.cc): queries against an indexed copy of
// fixtures/kb, and round trips through small temporary knowledge bases.
//
// Expected result sets come from the fixture files themselves (scanned here
// with plain substring search) or from fixtures/README.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "kb/index.h"
#include "kb/searcher.h"
#include "index_files.h"
#include "indexed_fixture.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace {


fs::path fixture_kb() { return fs::path(KB_FIXTURES_DIR) / "kb"; }

// fixtures/kb, indexed once for the whole test run.
kbtest::IndexedFixture& fixture() {
  static kbtest::IndexedFixture indexed;
  return indexed;
}

const kb::Searcher& searcher() {
  static const kb::Searcher s = fixture().searcher();
  return s;
}

// Every matching note, duplicates too: the expected sets are the notes
// whose bytes match, and the mojibake seed 001 holds 000's English words.
kb::SearchResults search(std::string_view query, std::size_t limit = 1000,
                         std::size_t offset = 0) {
  kb::SearchOptions options;
  options.limit = limit;
  options.offset = offset;
  options.collapse = false;
  auto results = searcher().search(query, options);
  if (!results) {
    FAIL("search for '" << query << "' failed: " << results.error().to_string());
  }
  return std::move(*results);
}

std::set<std::string> paths_of(const kb::SearchResults& results) {
  std::set<std::string> out;
  for (const kb::Hit& hit : results.hits) out.insert(hit.path);
  return out;
}

const kb::Hit* find_hit(const kb::SearchResults& results,
                        const std::string& path) {
  for (const kb::Hit& hit : results.hits) {
    if (hit.path == path) return &hit;
  }
  return nullptr;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool is_note_name(const fs::path& p) {
  const std::string ext = lower_ascii(p.extension().string());
  return ext == ".md" || ext == ".markdown";
}

// Ground truth: the notes of fixtures/kb (outside hidden folders, *.md and
// *.markdown only) whose bytes contain every one of `needles`, compared
// case-insensitively for ASCII letters.
std::set<std::string> fixture_notes_containing(
    const std::vector<std::string>& needles, const std::string& under = "") {
  std::set<std::string> out;
  const fs::path root = fixture_kb();
  for (auto it = fs::recursive_directory_iterator(root);
       it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || !is_note_name(it->path())) continue;
    const std::string rel = it->path().lexically_relative(root).generic_string();
    if (rel.compare(0, under.size(), under) != 0) continue;
    const std::string text = lower_ascii(kbtest::read_file(it->path()));
    bool all = true;
    for (const std::string& n : needles) {
      all = all && text.find(lower_ascii(n)) != std::string::npos;
    }
    if (all) out.insert(rel);
  }
  return out;
}

// Line `line` (1-based) of the file at `path` in the indexed copy.
std::string file_line(const std::string& path, int line) {
  std::ifstream in(fixture_kb() / path, std::ios::binary);
  std::string text;
  for (int i = 0; i < line && std::getline(in, text); ++i) {
  }
  return text;
}

std::string highlighted_text(const kb::Snippet& s, const kb::Highlight& h) {
  if (h.begin > h.end || h.end > s.text.size()) return "<bad range>";
  return s.text.substr(h.begin, h.end - h.begin);
}

}  // namespace

TEST_CASE("注意力 finds exactly the notes that contain it", "[searcher]") {
  const std::set<std::string> expected = fixture_notes_containing({"注意力"});
  // fixtures/README.md lists 8 such notes.
  REQUIRE(expected.size() == 8);
  REQUIRE(expected.count("edge/crlf-bom.md") == 1);
  const kb::SearchResults results = search("注意力");
  CHECK(paths_of(results) == expected);
  CHECK(results.hits.size() == expected.size());  // each note once
  // For a small result set the total is exact.
  CHECK(results.estimated_total == expected.size());
  CHECK(results.total_is_exact);
}

TEST_CASE("attention softmax finds exactly the notes with both words",
          "[searcher]") {
  const std::set<std::string> expected =
      fixture_notes_containing({"attention", "softmax"});
  REQUIRE(expected.size() == 7);  // fixtures/README.md
  CHECK(paths_of(search("attention softmax")) == expected);
}

TEST_CASE("Detail::kPaths gives the same hits in the same order, without their records",
          "[searcher]") {
  for (const char* query : {"注意力", "attention softmax", "tag:LLM", "kbnohitzq"}) {
    INFO("query: " << query);
    kb::SearchOptions paths_only;
    paths_only.detail = kb::SearchOptions::Detail::kPaths;
    const kb::SearchResults full = *searcher().search(query);
    const kb::SearchResults paths = *searcher().search(query, paths_only);
    REQUIRE(paths.hits.size() == full.hits.size());
    CHECK(paths.estimated_total == full.estimated_total);
    for (std::size_t i = 0; i < full.hits.size(); ++i) {
      CHECK(paths.hits[i].path == full.hits[i].path);
      CHECK(paths.hits[i].score == full.hits[i].score);
      // What only the record gives is left empty: it was never read.
      CHECK(paths.hits[i].title.empty());
      CHECK(paths.hits[i].snippet.text.empty());
      CHECK(paths.hits[i].line == 0);
    }
  }
}

TEST_CASE("Files in hidden folders and non-notes never appear", "[searcher]") {
  for (const char* query : {"注意力", "attention", "softmax", "Transformer",
                            "隐藏目录", "crawler", "workspace"}) {
    INFO("query: " << query);
    for (const kb::Hit& hit : search(query).hits) {
      INFO("hit: " << hit.path);
      const fs::path p(hit.path);
      for (const auto& part : p) CHECK(part.string()[0] != '.');
      CHECK(is_note_name(p));
    }
  }
  // Words only found in the skipped files find nothing.
  CHECK(search("隐藏目录").hits.empty());
  CHECK(search("不是笔记").hits.empty());
}

TEST_CASE("attention softmax: the seed post with its title and snippet",
          "[searcher]") {
  const kb::SearchResults results = search("attention softmax");
  const kb::Hit* hit = find_hit(results, "posts/000_7de7bcde4ef4daba.md");
  REQUIRE(hit != nullptr);
  CHECK(hit->title == "一周总结与回顾-0");
  std::set<std::string> words;
  for (const kb::Highlight& h : hit->snippet.highlights) {
    words.insert(lower_ascii(highlighted_text(hit->snippet, h)));
  }
  CHECK(words.count("attention") == 1);
  CHECK(words.count("softmax") == 1);
  // Both words are on line 15 of the file, in one list item.
  CHECK(hit->line == 15);
  CHECK(hit->heading_path == std::vector<std::string>{"看到的资料"});
}

TEST_CASE("Highlights point at the matched words", "[searcher]") {
  SECTION("a CJK word is one highlight covering all its characters") {
    for (const kb::Hit& hit : search("注意力").hits) {
      INFO("hit: " << hit.path << " snippet: " << hit.snippet.text);
      REQUIRE_FALSE(hit.snippet.highlights.empty());
      for (const kb::Highlight& h : hit.snippet.highlights) {
        const std::string marked = highlighted_text(hit.snippet, h);
        // One highlight per occurrence (or run of touching occurrences).
        CHECK(marked.size() % std::string("注意力").size() == 0);
        CHECK(marked.rfind("注意力", 0) == 0);
      }
    }
  }
  SECTION("English words are highlighted in any of their forms") {
    for (const kb::Hit& hit : search("attention softmax").hits) {
      INFO("hit: " << hit.path << " snippet: " << hit.snippet.text);
      REQUIRE_FALSE(hit.snippet.highlights.empty());
      for (const kb::Highlight& h : hit.snippet.highlights) {
        const std::string marked =
            lower_ascii(highlighted_text(hit.snippet, h));
        CHECK((marked.rfind("attent", 0) == 0 ||
               marked.rfind("softmax", 0) == 0));
      }
    }
  }
  SECTION("highlights are sorted and do not overlap") {
    for (const char* query : {"注意力", "attention softmax", "注意力 机制"}) {
      for (const kb::Hit& hit : search(query).hits) {
        const auto& hs = hit.snippet.highlights;
        for (std::size_t i = 1; i < hs.size(); ++i) {
          CHECK(hs[i - 1].end < hs[i].begin);  // merged when touching
        }
      }
    }
  }
}

TEST_CASE("A hit's line is the file line holding its first highlight",
          "[searcher]") {
  // Includes words only in code blocks (Transformer.md, edge/code-only.md),
  // at list level 30, after broken front matter, and in a CRLF file.
  for (const char* query :
       {"注意力", "softmax", "attention", "饱和区", "赶海", "decoder",
        "notatag", "kb_query_parser", "tag-in-deep-list", "损坏的元数据",
        "CRLF", "Müller"}) {
    const kb::SearchResults results = search(query);
    INFO("query: " << query);
    CHECK_FALSE(results.hits.empty());
    for (const kb::Hit& hit : results.hits) {
      INFO("query: " << query << " hit: " << hit.path << ":" << hit.line);
      REQUIRE_FALSE(hit.snippet.highlights.empty());
      const std::string word = lower_ascii(
          highlighted_text(hit.snippet, hit.snippet.highlights.front()));
      REQUIRE(hit.line > 0);
      // A repaired mojibake note (seed 001) holds the word only once
      // decoded; its bytes on disk do not.
      if (hit.path == "posts/001_55c4e469920f7bc4.md") continue;
      const std::string line = lower_ascii(file_line(hit.path, hit.line));
      INFO("line: " << line << " word: " << word);
      CHECK(line.find(word) != std::string::npos);
    }
  }
}

TEST_CASE("heading_path and line for matches under nested headings",
          "[searcher]") {
  SECTION("Transformer.md, a list item under ## 缩放点积注意力") {
    const kb::SearchResults results = search("饱和区");
    REQUIRE(paths_of(results) ==
            std::set<std::string>{"大模型LM/文献精读/Transformer.md"});
    const kb::Hit& hit = results.hits.front();
    CHECK(hit.title == "Transformer 精读");
    CHECK(hit.line == 23);
    CHECK(hit.heading_path ==
          std::vector<std::string>{"Transformer 精读", "缩放点积注意力"});
  }
  SECTION("the seed post, under ## 做了什么 / ### 大连之旅") {
    // (posts/001 is a mojibake copy of the same note: whether it is found
    // too depends on mojibake repair, so only 000 is looked at.)
    const kb::SearchResults results = search("赶海");
    const kb::Hit* hit = find_hit(results, "posts/000_7de7bcde4ef4daba.md");
    REQUIRE(hit != nullptr);
    CHECK(hit->line == 47);
    CHECK(hit->heading_path ==
          std::vector<std::string>{"做了什么", "大连之旅"});
  }
  SECTION("a note's H1 has itself as heading path") {
    const kb::SearchResults results = search("注意力机制笔记");
    const kb::Hit* hit = find_hit(results, "混合/注意力机制笔记.md");
    REQUIRE(hit != nullptr);
    CHECK(hit->line == 7);
    CHECK(hit->heading_path == std::vector<std::string>{"注意力机制笔记"});
  }
}

TEST_CASE("English words match their other forms", "[searcher]") {
  CHECK(paths_of(search("attentions")) == paths_of(search("attention")));
  CHECK(paths_of(search("ATTENTION")) == paths_of(search("attention")));
  CHECK(paths_of(search("softmaxes")) == paths_of(search("softmax")));
}

TEST_CASE("Hits are ordered best first with sane scores", "[searcher]") {
  const kb::SearchResults results = search("attention");
  REQUIRE(results.hits.size() >= 2);
  for (std::size_t i = 0; i < results.hits.size(); ++i) {
    const kb::Hit& hit = results.hits[i];
    CHECK(hit.percent >= 0);
    CHECK(hit.percent <= 100);
    CHECK(hit.score > 0);
    if (i > 0) CHECK(results.hits[i - 1].score >= hit.score);
  }
}

TEST_CASE("limit and offset page through the results", "[searcher]") {
  const kb::SearchResults all = search("attention");
  const std::size_t n = all.hits.size();
  REQUIRE(n >= 5);
  auto paths = [](const kb::SearchResults& r) {
    std::vector<std::string> out;
    for (const kb::Hit& h : r.hits) out.push_back(h.path);
    return out;
  };
  const std::vector<std::string> every = paths(all);

  const kb::SearchResults first = search("attention", 2, 0);
  CHECK(paths(first) == std::vector<std::string>(every.begin(), every.begin() + 2));
  const kb::SearchResults second = search("attention", 2, 2);
  CHECK(paths(second) ==
        std::vector<std::string>(every.begin() + 2, every.begin() + 4));
  const kb::SearchResults tail = search("attention", 100, n - 1);
  CHECK(paths(tail) == std::vector<std::string>{every.back()});
  CHECK(search("attention", 10, n).hits.empty());
  CHECK(search("attention", 0, 0).hits.empty());
  // The estimate is about all matches, not the page.
  CHECK(first.estimated_total >= n);

  // The default limit is 20.
  auto defaults = searcher().search("attention OR 注意力 OR softmax OR the OR 的");
  REQUIRE(defaults.has_value());
  CHECK(defaults->hits.size() == std::min<std::size_t>(20, defaults->estimated_total));
}

TEST_CASE("title: searches titles only", "[searcher]") {
  const kb::SearchResults results = search("title:transformer");
  CHECK(find_hit(results, "大模型LM/文献精读/Transformer.md") != nullptr);
  for (const kb::Hit& hit : results.hits) {
    INFO(hit.path);
    CHECK(lower_ascii(hit.title).find("transformer") != std::string::npos);
  }
  // 注意力 is in the title of exactly one note.
  CHECK(paths_of(search("title:注意力")) ==
        std::set<std::string>{"混合/注意力机制笔记.md"});
}

TEST_CASE("path: limits results to a folder", "[searcher]") {
  CHECK(paths_of(search("path:混合 注意力")) ==
        fixture_notes_containing({"注意力"}, "混合/"));
  CHECK(paths_of(search("path:分子动力学机器学习/文献精读 Müller")) ==
        fixture_notes_containing({"Müller"}, "分子动力学机器学习/文献精读/"));
}

// Folder names with capital letters ("English", "大模型LM") are common.
TEST_CASE("path: works for folders with capital letters", "[searcher]") {
  const std::set<std::string> english =
      fixture_notes_containing({"attention"}, "English/");
  REQUIRE(english.size() == 3);
  CHECK(paths_of(search("path:English attention")) == english);
  CHECK(paths_of(search("path:大模型LM 注意力")) ==
        fixture_notes_containing({"注意力"}, "大模型LM/"));
  CHECK(paths_of(search("path:大模型LM/文献精读 注意力")) ==
        fixture_notes_containing({"注意力"}, "大模型LM/文献精读/"));
}

TEST_CASE("Excluding a folder with -path: works", "[searcher]") {
  std::set<std::string> expected = fixture_notes_containing({"注意力"});
  for (const std::string& p : fixture_notes_containing({"注意力"}, "混合/")) {
    expected.erase(p);
  }
  REQUIRE(expected.size() == 6);
  CHECK(paths_of(search("注意力 -path:混合")) == expected);
}

// A path: value names one folder, nested or not (document_builder.cc adds a
// P term for each enclosing folder, e.g. "P甲/乙").
TEST_CASE("path: with a nested CJK folder filters that folder",
          "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "甲/乙/a.md", "word\n");
  kbtest::write_file(tmp.path() / "甲/丙/b.md", "word 乙\n");
  kbtest::write_file(tmp.path() / "丁/c.md", "word\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  auto r = s->search("path:甲/乙 word");
  REQUIRE(r.has_value());
  CHECK(paths_of(*r) == std::set<std::string>{"甲/乙/a.md"});
  auto all = s->search("path:甲 word");
  REQUIRE(all.has_value());
  CHECK(paths_of(*all) == std::set<std::string>{"甲/乙/a.md", "甲/丙/b.md"});
}

// kb/searcher.h: Hit::path holds the bytes of the file's name, so that a
// name in another encoding (Latin-1 "café") can be opened from a hit.
TEST_CASE("A hit's path keeps the bytes of a file name that is not UTF-8", "[searcher]") {
  kbtest::TempDir tmp;
  const std::string name = "notes/caf\xe9.md";
  kbtest::write_file(tmp.path() / name, "# Latin-1 name\n\nsee wombat\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  kb::SearchOptions options;
  options.matching_lines = 1;
  auto r = s->search("wombat", options);
  REQUIRE(r.has_value());
  CHECK(paths_of(*r) == std::set<std::string>{name});
  REQUIRE(r->hits.size() == 1);
  CHECK(fs::is_regular_file(tmp.path() / r->hits[0].path));
  // Its column is found in the file the path opens.
  CHECK(r->hits[0].line == 3);
  CHECK(r->hits[0].column == 5);
  CHECK(r->hits[0].title == "Latin-1 name");
}

// kb/note.h: a title is text. Without a front-matter title or an H1 it is
// the file stem, whose bytes need not be UTF-8: they are shown as U+FFFD.
TEST_CASE("A title from a file name that is not UTF-8 is valid UTF-8", "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "caf\xe9.md", "no heading, see wombat\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  auto r = s->search("wombat");
  REQUIRE(r.has_value());
  REQUIRE(r->hits.size() == 1);
  CHECK(r->hits[0].path == "caf\xe9.md");
  CHECK(r->hits[0].title == "caf\xef\xbf\xbd");  // "caf" and U+FFFD
}

TEST_CASE("A blank query is kInvalidArgument and nonsense is kParseError",
          "[searcher]") {
  for (const char* blank : {"", "   ", "\t"}) {
    auto r = searcher().search(blank);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code() == kb::Code::kInvalidArgument);
  }
  auto r = searcher().search("+++");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code() == kb::Code::kParseError);
  CHECK(r.error().subject() == "+++");
}

TEST_CASE("Punctuation that is not query syntax is searched literally",
          "[searcher]") {
  // "a AND" is not valid syntax: its words are searched instead.
  auto r = searcher().search("softmax AND");
  REQUIRE(r.has_value());
  // And an unbalanced quote does not make the search fail.
  auto q = search("\"softmax");
  CHECK(paths_of(q) == fixture_notes_containing({"softmax"}));
}

TEST_CASE("Searcher::open without an index is kNotFound", "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md", "hello\n");
  auto no_index = kb::Searcher::open(tmp.path());
  REQUIRE_FALSE(no_index.has_value());
  CHECK(no_index.error().code() == kb::Code::kNotFound);

  auto missing = kb::Searcher::open(tmp.path() / "missing");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code() == kb::Code::kNotFound);

  fs::create_directories(tmp.path() / ".kbsearch");  // a folder, no index
  auto empty = kb::Searcher::open(tmp.path());
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().code() == kb::Code::kNotFound);
}

TEST_CASE("Searcher::open on a damaged index is not kNotFound", "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md", "hello\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  kbtest::write_file(kbtest::current_database_dir(tmp.path()) / "iamglass",
                     "garbage, not a glass version file");
  auto damaged = kb::Searcher::open(tmp.path());
  REQUIRE_FALSE(damaged.has_value());
  CHECK((damaged.error().code() == kb::Code::kCorruption ||
         damaged.error().code() == kb::Code::kVersionMismatch));
}

TEST_CASE("Round trip: every 2-character substring of a Chinese sentence "
          "finds the note",
          "[searcher]") {
  const std::u32string sentence = U"大模型时代普通人的科研何去何从";
  auto utf8 = [](std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {  // all BMP, 3 bytes each
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
  };
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md",
                     "# Notes\n\n" + utf8(sentence) + "\n");
  kbtest::write_file(tmp.path() / "other.md", "# Other\n\n今天天气很好\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  auto paths = [&](const std::string& q) {
    auto r = s->search(q);
    REQUIRE(r.has_value());
    return paths_of(*r);
  };
  const std::set<std::string> note = {"note.md"};

  for (std::size_t i = 0; i + 2 <= sentence.size(); ++i) {
    const std::string bigram = utf8(sentence.substr(i, 2));
    INFO("query: " << bigram);
    CHECK(paths(bigram) == note);
  }
  for (std::size_t i = 0; i + 3 <= sentence.size(); ++i) {
    const std::string trigram = utf8(sentence.substr(i, 3));
    INFO("query: " << trigram);
    CHECK(paths(trigram) == note);
  }
  CHECK(paths(utf8(sentence)) == note);

  // Both characters occur, but never next to each other.
  CHECK(paths("时人").empty());
  CHECK(paths("科何").empty());
  CHECK(paths("从何").empty());  // 何从 yes, 从何 no
  // A character of the other note only.
  CHECK(paths("天气") == std::set<std::string>{"other.md"});
}

// searcher.h: "Chinese text matches as a substring". 代普 is not a substring
// of 时代，普通人 (a comma separates the two characters).
TEST_CASE("A CJK query does not match across punctuation", "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md", "大模型时代，普通人的科研\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  CHECK(s->search("时代")->hits.size() == 1);
  CHECK(s->search("普通")->hits.size() == 1);
  CHECK(s->search("代普")->hits.empty());
}

// Katakana words very often contain U+30FC (ー); the analyzer promises that
// every substring of CJK text is found.
TEST_CASE("A Katakana word with a prolonged sound mark is found",
          "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md", "サーバーのデータを読む\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  CHECK(s->search("データ")->hits.size() == 1);
  CHECK(s->search("サーバー")->hits.size() == 1);
}

TEST_CASE("Mixed-script words are found", "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md",
                     "# 混合\n\nattention权重 = softmax\n\nLLM时代的大模型\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  for (const char* q : {"attention权重", "权重", "attention", "LLM时代",
                        "llm 大模型", "ＬＬＭ"}) {
    INFO("query: " << q);
    auto r = s->search(q);
    REQUIRE(r.has_value());
    CHECK(r->hits.size() == 1);
  }
  auto r = s->search("attention权重");
  REQUIRE(r.has_value());
  REQUIRE(r->hits.size() == 1);
  const kb::Hit& hit = r->hits.front();
  CHECK(hit.line == 3);
  REQUIRE(hit.snippet.highlights.size() == 1);  // touching: merged
  CHECK(highlighted_text(hit.snippet, hit.snippet.highlights[0]) ==
        "attention权重");
}

TEST_CASE("A word written with a combining accent is found", "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "note.md", "un cafe\u0301 noir\n");
  {
    auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  CHECK(s->search("caf\u00e9")->hits.size() == 1);   // composed query
  CHECK(s->search("cafe\u0301")->hits.size() == 1);  // decomposed query
}

TEST_CASE("A Searcher opened before later commits keeps working",
          "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "alpha\n");
  auto index = kb::Index::open(tmp.path(), kbtest::fast_index_options());
  REQUIRE(index.has_value());
  REQUIRE(index->update().has_value());

  auto s = kb::Searcher::open(tmp.path());
  REQUIRE(s.has_value());
  REQUIRE(s->search("alpha")->hits.size() == 1);

  // The writer goes on committing many changes.
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 20; ++i) {
      kb::Note note;
      note.path = "gen/" + std::to_string(i) + ".md";
      note.title = "round " + std::to_string(round);
      kb::Block b;
      b.text = "alpha bravo round" + std::to_string(round) + " " +
               std::string(200, static_cast<char>('a' + round % 26));
      b.first_line = 1;
      note.blocks.push_back(b);
      REQUIRE(index->put(note).ok());
    }
    REQUIRE(index->commit().ok());
  }
  auto r = s->search("alpha");
  INFO((r ? std::string("ok") : r.error().to_string()));
  REQUIRE(r.has_value());
  CHECK(r->hits.size() >= 1);
}

// The search issue: "decoder-only, GPT-4, C++, 2024.4.3 and version numbers
// behave as users expect". 混合/注意力机制笔记.md holds each of them.
TEST_CASE("Technical tokens find the note that holds them", "[searcher]") {
  for (const char* query : {"decoder-only", "GPT-4", "gpt-4", "C++", "c++",
                            "2024.4.3", "v2.1.0", "Self-Attention"}) {
    INFO("query: " << query);
    CHECK(paths_of(search(query)).count("混合/注意力机制笔记.md") == 1);
  }
  // A phrase is a phrase: "decoder-only" is not any note with both words.
  for (const std::string& path : paths_of(search("decoder-only"))) {
    INFO(path);
    const std::string text = kbtest::read_file(fixture_kb() / path);
    CHECK((text.find("decoder-only") != std::string::npos ||
           text.find("Decoder-only") != std::string::npos ||
           text.find("decoder only") != std::string::npos ||
           text.find("Decoder-Only") != std::string::npos ||
           path == "posts/001_55c4e469920f7bc4.md"));
  }
}

TEST_CASE("Hits of equal weight come in path order, whatever the indexing order",
          "[searcher]") {
  // Added one at a time in reverse, so that document ids run against the
  // paths: an incremental index and a clean build must still agree.
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  for (const char* name : {"d.md", "c.md", "b.md", "a.md"}) {
    files.write(name, "# Same\n\nidentical words here\n");
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }
  auto s = kb::Searcher::open(tmp.path(), files);
  REQUIRE(s.has_value());
  // Identical notes: not collapsed into one here.
  kb::SearchOptions every;
  every.collapse = false;
  for (const char* query : {"identical", "tag:none OR identical", "same"}) {
    INFO(query);
    auto r = s->search(query, every);
    REQUIRE(r.has_value());
    std::vector<std::string> paths;
    for (const kb::Hit& hit : r->hits) paths.push_back(hit.path);
    CHECK(paths == std::vector<std::string>{"a.md", "b.md", "c.md", "d.md"});
  }
}

// A Searcher on the notes written below `root`, indexed first.
kb::Searcher indexed_searcher(const fs::path& root) {
  auto index = kb::Index::open(root, kbtest::fast_index_options());
  if (!index || !index->update()) FAIL("indexing " << root);
  auto searcher = kb::Searcher::open(root);
  if (!searcher) FAIL("Searcher::open: " << searcher.error().to_string());
  return std::move(*searcher);
}

// Notes whose front matter says the same in different words, keys and
// cases, for the fm.KEY:VALUE filter and for front-matter keys as words.
TEST_CASE("fm.KEY:VALUE finds the notes whose front-matter KEY has VALUE",
          "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md",
                     "---\npublish: true\nstatus: Draft\ntags: [alpha]\n---\nalpha text\n");
  kbtest::write_file(tmp.path() / "b.md",
                     "---\npublish: false\nStatus: in  review\nauthors:\n  - 张三\n  - 李四\n"
                     "---\nbeta text\n");
  // The words of the filters in the body, not in the front matter.
  kbtest::write_file(tmp.path() / "c.md", "a draft: true, by 李四, status of publishing\n");
  kb::Searcher s = indexed_searcher(tmp.path());
  const auto found = [&](std::string_view query) {
    auto r = s.search(query);
    REQUIRE(r.has_value());
    return paths_of(*r);
  };
  using Paths = std::set<std::string>;
  CHECK(found("fm.publish:true") == Paths{"a.md"});
  CHECK(found("fm.publish:false") == Paths{"b.md"});
  // Keys and values in any case; a value with spaces quoted.
  CHECK(found("fm.status:draft") == Paths{"a.md"});
  CHECK(found("fm.STATUS:\"In Review\"") == Paths{"b.md"});
  // Any item of a list.
  CHECK(found("fm.authors:李四") == Paths{"b.md"});
  CHECK(found("fm.tags:alpha") == Paths{"a.md"});
  // With words, and excluded.
  CHECK(found("text fm.publish:true") == Paths{"a.md"});
  CHECK(found("text -fm.publish:true") == Paths{"b.md"});
  CHECK(found("fm.status:review").empty());   // the whole value, not a word of it
  CHECK(found("fm.publish:yes").empty());
}

TEST_CASE("A front-matter key is a word of its note", "[searcher]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "---\npublish: true\n---\nalpha\n");
  kbtest::write_file(tmp.path() / "b.md", "---\ncssclasses: [wide]\n---\nbeta\n");
  kbtest::write_file(tmp.path() / "c.md", "gamma\n");
  kb::Searcher s = indexed_searcher(tmp.path());
  auto publish = s.search("publish");
  REQUIRE(publish.has_value());
  CHECK(paths_of(*publish) == std::set<std::string>{"a.md"});
  auto css = s.search("cssclasses wide");
  REQUIRE(css.has_value());
  CHECK(paths_of(*css) == std::set<std::string>{"b.md"});
}

TEST_CASE("Titles headings and snippets show no markup and comments are found but not shown",
          "[searcher]") {
  kbtest::IndexedFixture kb;
  kb.files().write("markup/shown.md",
                   "# Intro to [[dataview|Dataview]] Plugin\n\n"
                   "## See [[Query language#Sources]]\n\n"
                   "The **zebrafish** query in [the docs](https://example.org/docs) "
                   "%% secret okapi note %% uses [[Data commands]].\n\n"
                   "%%\nmultiline pangolin\n%%\n");
  kb.update();
  const kb::Searcher searcher = kb.searcher();
  const auto found = [&](std::string_view query) {
    auto results = searcher.search(query);
    REQUIRE(results);
    const kb::Hit* hit = nullptr;
    for (const kb::Hit& h : results->hits) {
      if (h.path == "markup/shown.md") hit = &h;
    }
    REQUIRE(hit != nullptr);
    return *hit;
  };
  const kb::Hit hit = found("zebrafish");
  CHECK(hit.title == "Intro to Dataview Plugin");
  CHECK(hit.heading_path ==
        std::vector<std::string>{"Intro to Dataview Plugin", "See Query language > Sources"});
  CHECK(hit.snippet.text.find("zebrafish query in the docs") != std::string::npos);
  CHECK(hit.snippet.text.find("uses Data commands.") != std::string::npos);
  for (const char* markup : {"[[", "]]", "**", "https://", "%%", "okapi"}) {
    INFO(markup);
    CHECK(hit.snippet.text.find(markup) == std::string::npos);
  }
  // The words of comments are searchable, and never shown.
  for (const char* word : {"okapi", "pangolin"}) {
    INFO(word);
    const kb::Hit in_comment = found(word);
    CHECK(in_comment.snippet.text.find(word) == std::string::npos);
  }
}
namespace {

// A temporary knowledge base of the notes (path, text), indexed.
class SmallKb {
 public:
  explicit SmallKb(const std::vector<std::pair<std::string, std::string>>& notes) {
    for (const auto& [path, text] : notes) files_.write(path, text);
    kb::IndexOptions options = kbtest::fast_index_options();
    options.env = &files_;
    auto index = kb::Index::open(tmp_.path(), options);
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
  }

  kb::SearchResults search(std::string_view query, kb::SearchOptions options = {}) const {
    auto s = kb::Searcher::open(tmp_.path(), files_);
    REQUIRE(s.has_value());
    auto results = s->search(query, options);
    if (!results) FAIL("search for '" << query << "' failed: " << results.error().to_string());
    return std::move(*results);
  }

  std::vector<std::string> paths(std::string_view query, kb::SearchOptions options = {}) const {
    std::vector<std::string> out;
    for (const kb::Hit& hit : search(query, options).hits) out.push_back(hit.path);
    return out;
  }

 private:
  kbtest::TempDir tmp_;
  kbtest::MemEnv files_{tmp_.path()};
};

// `word` `n` times, space-separated.
std::string repeated(const std::string& word, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += word + " ";
  return out;
}

}  // namespace

TEST_CASE("a note whose title, file stem or alias is the whole query ranks first",
          "[searcher][rank]") {
  // Each named note is long and says its name once, and each other note
  // says it often in a short text and in its title: plain BM25 ranks the
  // named note last.
  const std::string filler = repeated("unrelated filler words about something else", 60);
  const SmallKb kb({
      {"cs/Docker.md", "# 容器入门\n\nDocker once.\n\n" + filler},
      {"cs/compose.md", "# Docker Compose and Docker tips\n\n" + repeated("docker", 8)},
      {"cs/swarm.md", "# Docker swarm\n\ndocker docker docker\n"},
      {"java/guide.md", "# Java 基础\n\nJava 基础 once.\n\n" + filler},
      {"java/more.md", "# Java 基础 与 Java 基础 进阶\n\n" + repeated("java 基础", 8)},
      {"ops/cluster.md", "---\naliases: [K8s]\n---\n# Cluster notes\n\nk8s once.\n\n" + filler},
      {"ops/k8s-tips.md", "# k8s k8s tips\n\n" + repeated("k8s", 8)},
      {"ops/c-plus.md", "# C++ 入门\n\nc++ 入门 once.\n\n" + filler},
      {"ops/c-more.md", "# C++ 入门 与 C++ 入门\n\n" + repeated("c++ 入门", 8)},
  });
  struct Case {
    const char* query;
    const char* first;
    const char* why;
  };
  const Case cases[] = {
      {"Docker", "cs/Docker.md", "the file stem"},
      {"docker", "cs/Docker.md", "case does not matter"},
      {"Java 基础", "java/guide.md", "the title"},
      {"java基础", "java/guide.md", "nor do spaces"},
      {"K8s", "ops/cluster.md", "an alias"},
      {"c 入门", "ops/c-plus.md", "nor punctuation: known_item.py drops it"},
  };
  for (const Case& c : cases) {
    INFO(c.query << ": " << c.why);
    const std::vector<std::string> ranked = kb.paths(c.query);
    REQUIRE(!ranked.empty());
    CHECK(ranked.front() == c.first);
  }
  // The name is not a filter: the other notes still match, after it.
  CHECK(kb.paths("Docker").size() == 3);
  // With anything but plain words the query is not a name.
  CHECK(kb.paths("Docker -swarm").front() != "cs/Docker.md");
  // Sorting by path keeps path order.
  kb::SearchOptions by_path;
  by_path.sort = kb::SearchOptions::Sort::kPath;
  CHECK(kb.paths("Docker", by_path) ==
        std::vector<std::string>{"cs/Docker.md", "cs/compose.md", "cs/swarm.md"});
}

TEST_CASE("letter-digit splits are found in either form", "[searcher][joined]") {
  const SmallKb kb({
      {"hyphen.md", "# A\n\nGPT-4 and 4-bit weights.\n"},
      {"joined.md", "# B\n\ngpt4 and 4bit weights.\n"},
      {"apart.md", "# C\n\ngpt is not 4 bit here.\n"},
  });
  using V = std::vector<std::string>;
  struct Case {
    const char* query;
    V found;
  };
  const Case cases[] = {
      {"gpt4", V{"hyphen.md", "joined.md"}},
      {"GPT4", V{"hyphen.md", "joined.md"}},
      {"gpt-4", V{"hyphen.md", "joined.md"}},
      {"GPT-4", V{"hyphen.md", "joined.md"}},
      {"4bit", V{"hyphen.md", "joined.md"}},
      {"4-bit", V{"hyphen.md", "joined.md"}},
      {"\"gpt-4 and\"", V{"hyphen.md"}},  // a phrase keeps the words apart
      {"gpt", V{"apart.md", "hyphen.md"}},
  };
  for (const Case& c : cases) {
    INFO(c.query);
    V found = kb.paths(c.query);
    std::sort(found.begin(), found.end());
    CHECK(found == c.found);
  }
}

TEST_CASE("joining letter-digit splits keeps versions, C++ and hyphenated words found",
          "[searcher][joined]") {
  const std::string note = "混合/注意力机制笔记.md";
  for (const char* query : {"v2.1.0", "2024.4.3", "C++", "decoder-only", "decoder"}) {
    INFO(query);
    CHECK(paths_of(search(query)).count(note) == 1);
  }
}

TEST_CASE("duplicates collapse into one hit that lists the others", "[searcher][collapse]") {
  const std::string text = "# Same note\n\nidentical words here\n";
  const SmallKb kb({
      {"a.md", text},
      {"copy/b.md", text},
      {"c.md", "# Other\n\nidentical words, other text\n"},
  });
  const kb::SearchResults collapsed = kb.search("identical");
  REQUIRE(collapsed.hits.size() == 2);
  // Equal weights: the first path is shown.
  const kb::Hit* shown = find_hit(collapsed, "a.md");
  REQUIRE(shown != nullptr);
  CHECK(shown->duplicates == std::vector<std::string>{"copy/b.md"});
  REQUIRE(find_hit(collapsed, "c.md") != nullptr);
  CHECK(find_hit(collapsed, "c.md")->duplicates.empty());
  CHECK(collapsed.estimated_total == 2);

  kb::SearchOptions all;
  all.collapse = false;
  const kb::SearchResults every = kb.search("identical", all);
  CHECK(every.hits.size() == 3);
  CHECK(every.estimated_total == 3);
  for (const kb::Hit& hit : every.hits) CHECK(hit.duplicates.empty());

  // A duplicate the query does not match is not listed.
  CHECK(kb.search("identical path:copy").hits.at(0).duplicates.empty());

}

// Xapian bounds a collapsed count from the hits it keeps: a page of 3 of
// the 8 fixture notes holding 注意力 said "about 8".
TEST_CASE("a page of collapsed hits still counts them exactly", "[searcher][collapse]") {
  for (std::size_t limit = 1; limit <= 9; ++limit) {
    INFO("limit " << limit);
    kb::SearchOptions page;
    page.limit = limit;
    auto results = searcher().search("注意力", page);
    REQUIRE(results.has_value());
    CHECK(results->hits.size() == std::min<std::size_t>(limit, 8));
    CHECK(results->estimated_total == 8);
    CHECK(results->total_is_exact);
  }
}

TEST_CASE("a repaired mojibake copy collapses into its original", "[searcher][collapse]") {
  const std::string original = "posts/000_7de7bcde4ef4daba.md";
  const std::string copy = "posts/001_55c4e469920f7bc4.md";
  auto collapsed = searcher().search("一周总结与回顾");
  REQUIRE(collapsed.has_value());
  const kb::SearchResults& results = *collapsed;
  const kb::Hit* hit = find_hit(results, original);
  REQUIRE(hit != nullptr);
  CHECK(hit->duplicates == std::vector<std::string>{copy});
  CHECK(find_hit(results, copy) == nullptr);
}

TEST_CASE("'&' separates words, as grep -w sees them, and AT&T is still found",
          "[searcher][joined]") {
  const SmallKb kb({
      {"badge.md", "# A\n\n![b](https://img.io/x?color=red&style=flat)\n"},
      {"company.md", "# B\n\nAT&T rocks.\n"},
  });
  using V = std::vector<std::string>;
  CHECK(kb.paths("style") == V{"badge.md"});
  CHECK(kb.paths("red") == V{"badge.md"});
  CHECK(kb.paths("AT&T") == V{"company.md"});
  CHECK(kb.paths("\"at&t rocks\"") == V{"company.md"});
}

TEST_CASE("SearchOptions::matching_lines fills each hit's lines from its file, capped per note",
          "[searcher][matching_lines]") {
  const std::string word = "径向分布函数";
  kb::SearchOptions options;
  options.limit = kb::SearchOptions::kNoLimit;
  options.matching_lines = kb::SearchOptions::kNoLimit;
  auto all = searcher().search(word, options);
  REQUIRE(all);
  REQUIRE(!all->hits.empty());
  bool a_note_with_two = false;
  for (const kb::Hit& hit : all->hits) {
    INFO(hit.path);
    const std::vector<std::string> file =
        kbtest::lines_of(kbtest::read_file(fixture_kb() / hit.path));
    std::vector<int> expected;  // the lines holding the word, as grep finds them
    for (std::size_t i = 0; i < file.size(); ++i) {
      if (file[i].find(word) != std::string::npos) expected.push_back(static_cast<int>(i) + 1);
    }
    std::vector<int> found;
    for (const kb::MatchingLine& line : hit.lines) {
      found.push_back(line.line);
      const std::string& written = file.at(static_cast<std::size_t>(line.line) - 1);
      CHECK(line.text == written);
      CHECK(static_cast<std::size_t>(line.column) == written.find(word) + 1);
    }
    CHECK(found == expected);
    a_note_with_two = a_note_with_two || found.size() > 1;
  }
  CHECK(a_note_with_two);

  options.matching_lines = 1;
  auto capped = searcher().search(word, options);
  REQUIRE(capped);
  for (const kb::Hit& hit : capped->hits) CHECK(hit.lines.size() == 1);
  options.matching_lines = 0;
  auto none = searcher().search(word, options);
  REQUIRE(none);
  for (const kb::Hit& hit : none->hits) CHECK(hit.lines.empty());
}

TEST_CASE("Searcher::describe gives an indexed note's title, date and tags", "[searcher]") {
  auto note = searcher().describe("大模型LM/文献精读/Transformer.md");
  REQUIRE(note);
  CHECK(note->path == "大模型LM/文献精读/Transformer.md");
  CHECK(note->title == "Transformer 精读");
  CHECK(note->date == "2024-04-03T21:15:00");
  CHECK(note->lines.empty());
  auto missing = searcher().describe("no/such note.md");
  REQUIRE(!missing);
  CHECK(missing.error().code() == kb::Code::kNotFound);
}
