// Tests for snippet.h: highlights, the best block of a note, heading paths.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "search/snippet.h"

namespace {

kb::Needle latin(std::string text, std::string stem) {
  return kb::Needle{std::move(text), std::move(stem), false};
}
kb::Needle cjk(std::string text) { return kb::Needle{std::move(text), "", true}; }

// `text` with "[" and "]" around each highlight.
std::string render(std::string_view text,
                   const std::vector<kb::Highlight>& highlights) {
  std::string out;
  std::size_t at = 0;
  for (const kb::Highlight& h : highlights) {
    if (h.begin < at || h.end < h.begin || h.end > text.size()) {
      return "BAD RANGE " + std::to_string(h.begin) + "-" +
             std::to_string(h.end);
    }
    out += text.substr(at, h.begin - at);
    out += '[';
    out += text.substr(h.begin, h.end - h.begin);
    out += ']';
    at = h.end;
  }
  out += text.substr(at);
  return out;
}

std::string highlighted(std::string_view text,
                        const std::vector<kb::Needle>& needles) {
  return render(text, kb::find_highlights(text, needles));
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += " > ";
    out += p;
  }
  return out;
}

kb::Block para(std::string text, int line, int section = -1) {
  kb::Block b;
  b.kind = kb::Block::Kind::kParagraph;
  b.text = std::move(text);
  b.first_line = line;
  b.last_line = line;
  for (char c : b.text) b.last_line += c == '\n';
  b.section = section;
  return b;
}

const kb::Needle kAttention = latin("attention", "attent");
const kb::Needle kSoftmax = latin("softmax", "softmax");

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("find_highlights marks CJK needles as merged substrings",
          "[snippet]") {
  struct Row {
    const char* text;
    std::vector<kb::Needle> needles;
    const char* out;
  };
  const Row rows[] = {
      {"注意力机制", {cjk("注意力")}, "[注意力]机制"},
      {"多头注意力和自注意力", {cjk("注意力")}, "多头[注意力]和自[注意力]"},
      // One needle per character: adjacent characters merge into one word.
      {"大模型的模型", {cjk("大"), cjk("模"), cjk("型")}, "[大模型]的[模型]"},
      // Overlapping needles merge.
      {"注意力机制", {cjk("注意力"), cjk("意力机")}, "[注意力机]制"},
      // A needle found inside a longer run is still found (substring).
      {"自注意力机制", {cjk("意力")}, "自注[意力]机制"},
      {"注意力", {}, "注意力"},
      {"", {cjk("注意力")}, ""},
      {"没有", {cjk("注意力")}, "没有"},
  };
  for (const Row& row : rows) {
    INFO("text: " << row.text);
    CHECK(highlighted(row.text, row.needles) == row.out);
  }
}

TEST_CASE("find_highlights marks whole words with the needle's stem",
          "[snippet]") {
  struct Row {
    const char* text;
    std::vector<kb::Needle> needles;
    const char* out;
  };
  const Row rows[] = {
      {"attention is all", {kAttention}, "[attention] is all"},
      {"Attentions are all", {kAttention}, "[Attentions] are all"},
      {"be attentive", {kAttention}, "be [attentive]"},
      {"ＡＴＴＥＮＴＩＯＮ is", {kAttention}, "[ＡＴＴＥＮＴＩＯＮ] is"},
      // Not a whole word, or a word with another stem.
      {"inattention", {kAttention}, "inattention"},
      {"the attendant", {kAttention}, "the attendant"},
      {"attention_mask", {kAttention}, "attention_mask"},
      {"attention2", {kAttention}, "attention2"},
      // Punctuation ends a word.
      {"attention-based", {kAttention}, "[attention]-based"},
      {"(attention).", {kAttention}, "([attention])."},
      {"#attention", {kAttention}, "#[attention]"},
      {"softmax and softmax", {kSoftmax}, "[softmax] and [softmax]"},
      {"softmaxes", {kSoftmax}, "[softmaxes]"},
      {"Transformers", {latin("transformer", "transform")}, "[Transformers]"},
      // Separate words stay separate highlights.
      {"attention softmax", {kAttention, kSoftmax}, "[attention] [softmax]"},
      // A Latin word followed directly by CJK: a script change ends a word,
      // and touching highlights merge.
      {"attention权重", {kAttention, cjk("权重")}, "[attention权重]"},
      {"attention权重", {kAttention}, "[attention]权重"},
      {"多头注意力 attention", {cjk("注意力"), kAttention},
       "多头[注意力] [attention]"},
  };
  for (const Row& row : rows) {
    INFO("text: " << row.text);
    CHECK(highlighted(row.text, row.needles) == row.out);
  }
}

// A server answers on several threads, each with its own Searcher: the
// highlights of one must not depend on what another highlights meanwhile
// (a stemmer shared by all threads once made some fail, 1 in 6,000
// answers). Bounded: 4 threads of 2,000 rounds.
TEST_CASE("find_highlights on several threads at once finds what it finds alone",
          "[snippet]") {
  const std::string text =
      "Transformers use attention; attentive readers compute softmaxes of queries, "
      "happily running systems that happen to query databases and streaming networks.";
  const std::vector<kb::Needle> needles = {
      latin("attention", "attent"), latin("softmax", "softmax"), latin("query", "queri"),
      latin("system", "system"),    latin("happy", "happi"),     latin("network", "network"),
  };
  const std::string alone = highlighted(text, needles);
  REQUIRE(alone.find("[softmaxes]") != std::string::npos);
  constexpr int kThreads = 4;
  constexpr int kRounds = 2000;
  std::vector<int> differing(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        try {
          if (highlighted(text, needles) != alone) ++differing[t];
        } catch (const Xapian::Error&) {
          ++differing[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(differing[t] == 0);
  }
}

// query_parser.h: "any other needle matches a whole word whose stem is
// `stem`". The needle's own word must be highlighted even when its stem is
// not a prefix of it (happy -> happi, query -> queri).
TEST_CASE("find_highlights marks a word whose stem is not a prefix of it",
          "[snippet]") {
  CHECK(highlighted("a happy day", {latin("happy", "happi")}) ==
        "a [happy] day");
  CHECK(highlighted("the query parser", {latin("query", "queri")}) ==
        "the [query] parser");
  CHECK(highlighted("two queries", {latin("query", "queri")}) ==
        "two [queries]");
}

// A script change is a word boundary for the analyzer (split_script_runs), so
// "attention" in "使用attention" is indexed and found as a word; the highlight
// must agree, as it does for "attention权重".
TEST_CASE("find_highlights marks a Latin word right after CJK text",
          "[snippet]") {
  CHECK(highlighted("使用attention机制", {kAttention}) ==
        "使用[attention]机制");
  CHECK(highlighted("架构中，attention 矩阵", {kAttention}) ==
        "架构中，[attention] 矩阵");
}

// The index folds whole strings (normalize), so "cafe" + U+0301 is indexed
// as "café" and the query café finds the note; the highlight must find the
// word too, pointing at the original (decomposed) bytes.
TEST_CASE("find_highlights marks a word written with a combining accent",
          "[snippet]") {
  const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto parsed = kb::parse_query("café", db);
  REQUIRE(parsed.has_value());
  CHECK(highlighted("un cafe\u0301 noir", parsed->needles) ==
        "un [cafe\u0301] noir");
  // Half-width Katakana with a voiced mark: ｶﾞ folds to ガ only as a pair.
  auto kana = kb::parse_query("ガス", db);
  REQUIRE(kana.has_value());
  CHECK(highlighted("ｶﾞｽ", kana->needles) == "[ｶﾞｽ]");
}

// The index holds "GPT-4" also as "gpt4" (text/joined_forms.h), so a query
// written either way finds both spellings; the highlight must mark them too.
TEST_CASE("find_highlights marks both words of a joined letter-digit form",
          "[snippet]") {
  const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* query : {"gpt4", "GPT-4"}) {
    INFO("query: " << query);
    auto parsed = kb::parse_query(query, db);
    REQUIRE(parsed.has_value());
    CHECK(highlighted("GPT-4 and gpt4, not gpt-5 or gpt-45", parsed->needles) ==
          "[GPT-4] and [gpt4], not gpt-5 or gpt-45");
  }
}

TEST_CASE("find_highlights works with needles from the query parser",
          "[snippet]") {
  const Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto parsed = kb::parse_query("Attention 注意力 -softmax", db);
  REQUIRE(parsed.has_value());
  CHECK(highlighted("attentions: 多头注意力 with softmax", parsed->needles) ==
        "[attentions]: 多头[注意力] with softmax");
}

TEST_CASE("best_match picks the block with the most distinct needles",
          "[snippet]") {
  kb::Note note;
  note.headings = {kb::Heading{1, "Top", 2, "top", "top"}, kb::Heading{2, "Sub", 8, "sub", "sub"}};
  note.blocks = {
      para("introduction only", 1, -1),
      para("softmax softmax softmax", 4, 0),  // many hits, one needle
      para("attention alone", 6, 0),
      para("first line\nsecond has attention\nthird softmax", 10, 1),
      para("attention softmax again", 14, 1),  // also both: later, loses
  };
  const kb::BestMatch m = kb::best_match(note, {kAttention, kSoftmax});
  CHECK(m.section == 1);
  CHECK(m.line == 11);  // "attention" is on the block's second line
  // Both words are highlighted in the snippet.
  std::vector<std::string> marked;
  for (const kb::Highlight& h : m.snippet.highlights) {
    REQUIRE(h.end <= m.snippet.text.size());
    marked.push_back(m.snippet.text.substr(h.begin, h.end - h.begin));
  }
  CHECK(marked == std::vector<std::string>{"attention", "softmax"});
  CHECK(m.snippet.text.find("second has attention") != std::string::npos);
}

TEST_CASE("best_match takes the earliest block on a tie", "[snippet]") {
  kb::Note note;
  note.blocks = {para("nothing", 1), para("x attention", 3, 0),
                 para("y attention", 5, 1)};
  const kb::BestMatch m = kb::best_match(note, {kAttention});
  CHECK(m.line == 3);
  CHECK(m.section == 0);
  CHECK(render(m.snippet.text, m.snippet.highlights) == "x [attention]");
}

TEST_CASE("best_match falls back to the first block when nothing matches",
          "[snippet]") {
  kb::Note note;
  note.blocks = {para("first block", 7, 2), para("second block", 9, 3)};
  const kb::BestMatch m = kb::best_match(note, {kAttention});
  CHECK(m.line == 7);
  CHECK(m.section == 2);
  CHECK(m.snippet.text == "first block");
  CHECK(m.snippet.highlights.empty());
}

TEST_CASE("best_match on a note without blocks is empty", "[snippet]") {
  kb::Note note;
  const kb::BestMatch m = kb::best_match(note, {kAttention});
  CHECK(m.line == 0);
  CHECK(m.section == -1);
  CHECK(m.snippet.text.empty());
  CHECK(m.snippet.highlights.empty());
}

TEST_CASE("best_match gives the file line of the first highlight",
          "[snippet]") {
  struct Row {
    const char* text;
    int first_line;
    int line;
  };
  const Row rows[] = {
      {"attention", 5, 5},
      {"a\nb\nc attention", 10, 12},
      {"a\n注意力\nattention", 1, 2},  // CJK needle comes first
      {"a\nb", 3, 3},                    // no match: the block's line
  };
  for (const Row& row : rows) {
    INFO("text: " << row.text);
    kb::Note note;
    note.blocks = {para(row.text, row.first_line)};
    CHECK(kb::best_match(note, {kAttention, cjk("注意力")}).line == row.line);
  }
}

TEST_CASE("A short block is the whole snippet without ellipsis",
          "[snippet]") {
  kb::Note note;
  note.blocks = {para("Attention is all you need", 1)};
  const kb::BestMatch m = kb::best_match(note, {kAttention});
  CHECK(render(m.snippet.text, m.snippet.highlights) ==
        "[Attention] is all you need");
}

TEST_CASE("A long block is cut around the match with ellipses", "[snippet]") {
  const std::string ellipsis = "…";
  auto starts_with = [](const std::string& s, const std::string& p) {
    return s.compare(0, p.size(), p) == 0;
  };
  auto ends_with = [](const std::string& s, const std::string& p) {
    return s.size() >= p.size() &&
           s.compare(s.size() - p.size(), p.size(), p) == 0;
  };
  auto marked = [](const kb::Snippet& s) {
    std::vector<std::string> out;
    for (const kb::Highlight& h : s.highlights) {
      if (h.end > s.text.size() || h.begin > h.end) return std::vector<std::string>{"BAD"};
      out.push_back(s.text.substr(h.begin, h.end - h.begin));
    }
    return out;
  };

  SECTION("match in the middle: cut at both ends") {
    kb::Note note;
    note.blocks = {para(repeat("lorem ", 100) + "attention" +
                            repeat(" ipsum", 100),
                        1)};
    const kb::Snippet s = kb::best_match(note, {kAttention}).snippet;
    CHECK(starts_with(s.text, ellipsis));
    CHECK(ends_with(s.text, ellipsis));
    CHECK(char_count(s.text) <= 160 + 2);
    CHECK(char_count(s.text) >= 100);  // not cut to nothing
    CHECK(marked(s) == std::vector<std::string>{"attention"});
  }
  SECTION("match at the start: cut at the end only") {
    kb::Note note;
    note.blocks = {para("attention" + repeat(" ipsum", 100), 1)};
    const kb::Snippet s = kb::best_match(note, {kAttention}).snippet;
    CHECK_FALSE(starts_with(s.text, ellipsis));
    CHECK(ends_with(s.text, ellipsis));
    CHECK(marked(s) == std::vector<std::string>{"attention"});
  }
  SECTION("match at the end: cut at the start only") {
    kb::Note note;
    note.blocks = {para(repeat("lorem ", 100) + "attention", 1)};
    const kb::Snippet s = kb::best_match(note, {kAttention}).snippet;
    CHECK(starts_with(s.text, ellipsis));
    CHECK_FALSE(ends_with(s.text, ellipsis));
    CHECK(marked(s) == std::vector<std::string>{"attention"});
  }
  SECTION("Chinese text is cut by characters, not bytes") {
    kb::Note note;
    note.blocks = {para(repeat("字", 200) + "注意力" + repeat("文", 200), 1)};
    const kb::Snippet s = kb::best_match(note, {cjk("注意力")}).snippet;
    CHECK(starts_with(s.text, ellipsis));
    CHECK(ends_with(s.text, ellipsis));
    CHECK(char_count(s.text) <= 160 + 2);
    CHECK(char_count(s.text) >= 100);
    CHECK(marked(s) == std::vector<std::string>{"注意力"});
    // Cut at character boundaries: the text stays valid UTF-8 (no stray
    // continuation bytes at the ends).
    CHECK(s.text.find("字") != std::string::npos);
    CHECK(s.text.find("文") != std::string::npos);
  }
  SECTION("max_chars sets the length") {
    kb::Note note;
    note.blocks = {para(repeat("lorem ", 100) + "attention" +
                            repeat(" ipsum", 100),
                        1)};
    const kb::Snippet s = kb::best_match(note, {kAttention}, 40).snippet;
    CHECK(char_count(s.text) <= 40 + 2);
    CHECK(marked(s) == std::vector<std::string>{"attention"});
  }
}

// A heading of `level` with `text` at `line` (no slugs: paths ignore them).
kb::Heading h(int level, const char* text, int line) {
  kb::Heading heading;
  heading.level = level;
  heading.text = text;
  heading.line = line;
  return heading;
}

TEST_CASE("heading_path lists the enclosing headings outermost first",
          "[snippet]") {
  const std::vector<kb::Heading> headings = {
      h(1, "A", 1), h(2, "B", 3), h(3, "C", 5), h(2, "D", 7),
      h(1, "E", 9), h(3, "F", 11), h(2, "G", 13),
  };
  struct Row {
    int section;
    const char* path;
  };
  const Row rows[] = {
      {-1, ""},        {0, "A"},     {1, "A > B"}, {2, "A > B > C"},
      {3, "A > D"},    {4, "E"},     {5, "E > F"}, {6, "E > G"},
      {7, ""},         {100, ""},
  };
  for (const Row& row : rows) {
    INFO("section " << row.section);
    CHECK(join(kb::heading_path(headings, row.section)) == row.path);
  }
}

TEST_CASE("heading_path works without an H1 and with siblings", "[snippet]") {
  const std::vector<kb::Heading> headings = {h(2, "X", 1), h(3, "Y", 2), h(3, "Z", 3),
                                             h(2, "W", 4)};
  CHECK(join(kb::heading_path(headings, 2)) == "X > Z");
  CHECK(join(kb::heading_path(headings, 3)) == "W");
  CHECK(join(kb::heading_path({}, 0)) == "");
}
