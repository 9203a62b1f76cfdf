// Tests for kb/link_graph.h (link_graph.cc): the link graph of an indexed
// copy of fixtures/kb, and of small changes to such copies.
//
// Expected results come from fixtures/README.md ("Facts the tests rely on")
// and from the fixture files themselves: the line of each link is found by
// scanning its source file for the link as written.
#define CATCH_CONFIG_ENABLE_PAIR_STRINGMAKER
#define CATCH_CONFIG_ENABLE_TUPLE_STRINGMAKER
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <xapian.h>

#include "kb/index.h"
#include "kb/link_graph.h"
#include "kb/searcher.h"
#include "store/index_folder.h"
#include "store/index_schema.h"
#include "indexed_fixture.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace {

using Status = kb::ResolvedLink::Status;

const std::string kTransformer = "大模型LM/文献精读/Transformer.md";
const std::string kBert = "大模型LM/文献精读/BERT.md";
const std::string kGpt = "大模型LM/文献精读/GPT.md";
const std::string kDailyLog = "项目进展记录/004_3c8a9c320538d5dc.md";
const std::string kMolecularD = "项目进展记录/MolecularD.md";
const std::string kDeepMD = "分子动力学机器学习/文献精读/DeepMD.md";
const std::string kSchNet = "分子动力学机器学习/文献精读/SchNet.md";
const std::string kBrokenLinks = "混合/broken-links.md";
const std::string kReadingList = "English/reading-list.md";
const std::string kToRead = "混合/待读论文.md";
const std::string kMixed = "混合/注意力机制笔记.md";
// The Obsidian vault and the Hexo site of fixtures/kb (fixtures/README.md).
const std::string kNewton = "Obsidian库/物理/Newton.md";
const std::string kGraphView = "Obsidian库/插件/Graph view.md";
const std::string kDeepGraphView = "Obsidian库/展示/深层/Graph view.md";
const std::string kAbout = "hexo-blog/source/about/index.md";

fs::path fixture_kb() { return fs::path(KB_FIXTURES_DIR) / "kb"; }

kb::IndexReport index_kb(const fs::path& root) {
  auto index = kb::Index::open(root, kbtest::fast_index_options());
  if (!index) FAIL("Index::open: " << index.error().to_string());
  auto report = index->update();
  if (!report) FAIL("update: " << report.error().to_string());
  return *report;
}

kb::LinkGraph open_graph(const fs::path& root) {
  auto graph = kb::LinkGraph::open(root);
  if (!graph) FAIL("LinkGraph::open: " << graph.error().to_string());
  return std::move(*graph);
}

// fixtures/kb, indexed once, for the tests that only read it.
const kb::LinkGraph& graph() {
  static kbtest::IndexedFixture fixture;
  static const kb::LinkGraph g = fixture.graph();
  return g;
}

template <typename T>
T value_of(kb::Result<T> result, const char* what) {
  if (!result) FAIL(what << ": " << result.error().to_string());
  return std::move(*result);
}

std::vector<std::string> find_notes(const kb::LinkGraph& g, std::string_view spec) {
  return value_of(g.find_notes(spec), "find_notes");
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The 1-based line of fixtures/kb/`path` holding `needle`; it must hold it
// on exactly one line.
int line_of(const std::string& path, const std::string& needle) {
  const std::vector<std::string> lines = split_lines(kbtest::read_file(fixture_kb() / path));
  int found = 0;
  int count = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(needle) != std::string::npos) {
      found = static_cast<int>(i) + 1;
      ++count;
    }
  }
  INFO(path << ": " << needle);
  REQUIRE(count == 1);
  return found;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

using SourceLine = std::pair<std::string, int>;

std::vector<SourceLine> source_lines(const std::vector<kb::ResolvedLink>& links) {
  std::vector<SourceLine> out;
  for (const kb::ResolvedLink& r : links) out.emplace_back(r.source, r.link.line);
  return out;
}

// (source, line, status, target) of a link, for comparing whole lists.
using Outcome = std::tuple<std::string, int, std::string, std::string>;

Outcome outcome_of(const kb::ResolvedLink& r) {
  return {r.source, r.link.line, kb::name_of(r.status), r.target};
}

bool is_note_file(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".md" || ext == ".markdown";
}

// The notes of fixtures/kb: .md and .markdown files outside hidden folders,
// with their text.
std::vector<std::pair<std::string, std::string>> fixture_notes() {
  std::vector<std::pair<std::string, std::string>> out;
  const fs::path root = fixture_kb();
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || !is_note_file(it->path())) continue;
    out.emplace_back(it->path().lexically_relative(root).generic_string(),
                     kbtest::read_file(it->path()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// `s` without surrounding spaces and YAML quotes.
std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c) && c != '"' && c != '\''; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// True when the note `text` has the tag `tag`: in a YAML front-matter `tags`
// list (flow "[a, b]" or block "- a") or as an inline "#tag" that ends at a
// space or the end of the line. Good enough for the fixture's tags, which
// fixtures/README.md lists under "Intended tags".
bool has_tag(const std::string& text, const std::string& tag) {
  const std::vector<std::string> lines = split_lines(text);
  std::size_t body = 0;
  if (!lines.empty() && lines[0] == "---") {
    bool in_tags = false;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line == "---") {
        body = i + 1;
        break;
      }
      if (line.rfind("tags:", 0) == 0) {
        std::string rest = trim(line.substr(5));
        in_tags = rest.empty();
        if (!rest.empty() && rest.front() == '[') rest = rest.substr(1, rest.size() - 2);
        std::istringstream items(rest);
        for (std::string item; std::getline(items, item, ',');) {
          if (trim(item) == tag) return true;
        }
      } else if (in_tags && trim(line).rfind("- ", 0) == 0) {
        if (trim(trim(line).substr(2)) == tag) return true;
      } else {
        in_tags = false;
      }
    }
  }
  for (std::size_t i = body; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const std::string mark = "#" + tag;
    for (std::size_t at = line.find(mark); at != std::string::npos;
         at = line.find(mark, at + 1)) {
      const std::size_t end = at + mark.size();
      const bool starts = at == 0 || line[at - 1] == ' ';
      const bool ends = end == line.size() || line[end] == ' ' || line[end] == '\r';
      if (starts && ends) return true;
    }
  }
  return false;
}

const kb::TagCount* find_tag(const std::vector<kb::TagCount>& tags, const std::string& name) {
  for (const kb::TagCount& t : tags) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool is_hidden(const std::string& path) {
  return path.rfind(".", 0) == 0 || path.find("/.") != std::string::npos;
}

}  // namespace

// ---------------------------------------------------------------- find_notes

TEST_CASE("find_notes finds a note by path with or without extension", "[link_graph]") {
  const std::vector<std::string> transformer{kTransformer};
  CHECK(find_notes(graph(), "大模型LM/文献精读/Transformer.md") == transformer);
  CHECK(find_notes(graph(), "大模型LM/文献精读/Transformer") == transformer);
  CHECK(find_notes(graph(), "./大模型LM/文献精读/Transformer.md") == transformer);
  CHECK(find_notes(graph(), "大模型lm/文献精读/transformer.MD") == transformer);
  CHECK(find_notes(graph(), "English/old-style.markdown") ==
        std::vector<std::string>{"English/old-style.markdown"});
  CHECK(find_notes(graph(), "English/old-style") ==
        std::vector<std::string>{"English/old-style.markdown"});
}

TEST_CASE("find_notes finds a note by stem and title and alias", "[link_graph]") {
  const std::vector<std::string> transformer{kTransformer};
  CHECK(find_notes(graph(), "Transformer") == transformer);
  CHECK(find_notes(graph(), "transformer") == transformer);
  CHECK(find_notes(graph(), "Transformer.md") == transformer);
  // Title: "title: Transformer 精读" in its front matter.
  REQUIRE(kbtest::read_file(fixture_kb() / kTransformer).find("title: Transformer 精读") !=
          std::string::npos);
  CHECK(find_notes(graph(), "Transformer 精读") == transformer);
  CHECK(find_notes(graph(), "TRANSFORMER 精读") == transformer);
  // Alias: the one of "aliases: [...]" in its front matter.
  std::string alias;
  for (const std::string& line : split_lines(kbtest::read_file(fixture_kb() / kTransformer))) {
    if (line.rfind("aliases: [", 0) == 0) alias = line.substr(10, line.find(']') - 10);
  }
  REQUIRE_FALSE(alias.empty());
  REQUIRE(alias.find(',') == std::string::npos);  // one alias
  INFO("alias: " << alias);
  CHECK(find_notes(graph(), alias) == transformer);
  std::string lower = alias;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(find_notes(graph(), lower) == transformer);
  // Other notes by stem, title from the first H1, title from a seed.
  CHECK(find_notes(graph(), "DeepMD") == std::vector<std::string>{kDeepMD});
  CHECK(find_notes(graph(), "no-title") == std::vector<std::string>{"edge/no-title.md"});
  CHECK(find_notes(graph(), "周记 Week19") ==
        std::vector<std::string>{"posts/003_6d4cd4a21d58f612.md"});
}

TEST_CASE("find_notes is empty when nothing has that name", "[link_graph]") {
  CHECK(find_notes(graph(), "Nonexistent Note").empty());
  CHECK(find_notes(graph(), "大模型LM/文献精读/Transformer2").empty());
  CHECK(find_notes(graph(), "文献精读/Transformer.md/x").empty());
  // Hidden folders and non-notes are not in the index.
  CHECK(find_notes(graph(), "workspace").empty());
  CHECK(find_notes(graph(), "Obsidian库/.obsidian/workspace").empty());
  CHECK(find_notes(graph(), "secret").empty());
  CHECK(find_notes(graph(), ".hidden/secret.md").empty());
  CHECK(find_notes(graph(), "not-a-note").empty());
}

TEST_CASE("find_notes lists every note of an ambiguous name", "[link_graph]") {
  kbtest::IndexedFixture kb;
  kb.files().write("混合/Transformer.md", "# 另一个 Transformer\n\n同名的另一篇笔记。\n");
  const kb::IndexReport report = kb.update();
  CHECK(report.added == 1);
  const kb::LinkGraph g = kb.graph();

  CHECK(find_notes(g, "Transformer") == std::vector<std::string>{kTransformer, "混合/Transformer.md"});
  // A path, title or alias still names one.
  CHECK(find_notes(g, kTransformer) == std::vector<std::string>{kTransformer});
  CHECK(find_notes(g, "混合/Transformer") == std::vector<std::string>{"混合/Transformer.md"});
  CHECK(find_notes(g, "Transformer 精读") == std::vector<std::string>{kTransformer});

  // Links by stem are now ambiguous: BERT's [[Transformer#多头注意力|...]]
  // and 待读论文's {% post_link Transformer %}; links by path and by title
  // still resolve.
  const std::vector<kb::ResolvedLink> broken = value_of(g.broken(), "broken");
  std::vector<SourceLine> ambiguous;
  for (const kb::ResolvedLink& r : broken) {
    // The vault's [[Graph view]] is ambiguous in the fixture itself.
    if (r.status != Status::kAmbiguous || r.source == kNewton) continue;
    ambiguous.emplace_back(r.source, r.link.line);
    CHECK(r.candidates == std::vector<std::string>{kTransformer, "混合/Transformer.md"});
    CHECK(r.target.empty());
  }
  std::vector<SourceLine> expected = {
      {kBert, line_of(kBert, "[[Transformer#多头注意力|多头注意力]]")},
      {kToRead, line_of(kToRead, "{% post_link Transformer %}")},
  };
  std::sort(expected.begin(), expected.end());
  std::sort(ambiguous.begin(), ambiguous.end());
  CHECK(ambiguous == expected);

  const std::vector<SourceLine> back =
      source_lines(value_of(g.backlinks(kTransformer), "backlinks"));
  for (const SourceLine& gone : expected) {
    CHECK(std::find(back.begin(), back.end(), gone) == back.end());
  }
  CHECK(std::find(back.begin(), back.end(),
                  SourceLine{kMixed, line_of(kMixed, "[[Transformer 精读]]")}) != back.end());
  CHECK(std::find(back.begin(), back.end(),
                  SourceLine{kBert, line_of(kBert, "[Transformer](Transformer.md)")}) !=
        back.end());
}

// ----------------------------------------------------------------- backlinks

TEST_CASE("backlinks find the vault's and the site's links in their own dialect",
          "[link_graph]") {
  // fixtures/README.md, "Link dialects": each link below is broken by the
  // strict rules, and the backlinks query finds its source by the terms
  // the link carries, whatever the dialect.
  const std::string plan = "Obsidian库/Projects/plan.md";
  const std::string progress = "Obsidian库/Projects/子项目/进度.md";
  const std::string post = "hexo-blog/source/_posts/2023-05-06-title.md";
  struct Row {
    std::string target;
    std::vector<SourceLine> sources;
  };
  const Row rows[] = {
      {"Obsidian库/Three laws of motion.md",
       {{kNewton, line_of(kNewton, "(Three%20laws%20of%20motion.md)")}}},
      {plan,
       {{progress, line_of(progress, "[[../plan]]")},
        {kNewton, line_of(kNewton, "(Projects/plan.md)")},
        {kNewton, line_of(kNewton, "[[/Projects/plan]]")}}},
      {kNewton,
       {{plan, line_of(plan, "[[Newton]]")}, {progress, line_of(progress, "(Newton.md)")}}},
      {kGraphView, {{kNewton, line_of(kNewton, "[[Graph view]]")}}},
      {kDeepGraphView, {}},
      {kAbout, {{post, line_of(post, "(/source/about/index.md)")}}},
      {post, {{kAbout, line_of(kAbout, "{% post_link 2023-05-06-title %}")}}},
      {"hexo-blog/source/_posts/hello-world.md",
       {{post, line_of(post, "{% post_link hello-world %}")}}},
  };
  for (const Row& row : rows) {
    INFO(row.target);
    std::vector<SourceLine> expected = row.sources;
    std::sort(expected.begin(), expected.end());
    CHECK(source_lines(value_of(graph().backlinks(row.target), "backlinks")) == expected);
  }
}

TEST_CASE("backlinks of Transformer.md are the lines listed in fixtures/README.md",
          "[link_graph]") {
  // fixtures/README.md, "Backlinks of 大模型LM/文献精读/Transformer.md": 7
  // notes, 8 links, each on its own line.
  const std::vector<std::pair<std::string, std::string>> written = {
      {kDailyLog, "(/大模型LM/文献精读/Transformer.md)"},
      {kBert, "[Transformer](Transformer.md)"},
      {kBert, "[[Transformer#多头注意力|多头注意力]]"},
      {kGpt, "(Transformer.md#缩放点积注意力)"},
      {"大模型LM/README.md", "(文献精读/Transformer.md)"},
      {"大模型LM/Diffusion扩散模型.md", "(文献精读/Transformer.md)"},
      {kMixed, "[[Transformer 精读]]"},
      {kToRead, "{% post_link Transformer %}"},
  };
  std::vector<SourceLine> expected;
  for (const auto& [source, link] : written) expected.emplace_back(source, line_of(source, link));
  std::sort(expected.begin(), expected.end());

  const std::vector<kb::ResolvedLink> back =
      value_of(graph().backlinks(kTransformer), "backlinks");
  CHECK(source_lines(back) == expected);
  std::set<std::string> sources;
  for (const kb::ResolvedLink& r : back) {
    INFO(r.source << ":" << r.link.line);
    sources.insert(r.source);
    CHECK(r.status == Status::kResolved);
    CHECK(r.target == kTransformer);
    CHECK_FALSE(r.context.empty());
    CHECK_FALSE(is_hidden(r.source));  // .obsidian/workspace.md, .hidden/secret.md
  }
  CHECK(sources.size() == 7);
  CHECK(back.size() == 8);
}

TEST_CASE("backlinks carry the text of their line without markup", "[link_graph]") {
  const std::vector<kb::ResolvedLink> back =
      value_of(graph().backlinks(kTransformer), "backlinks");
  const int line = line_of(kDailyLog, "(/大模型LM/文献精读/Transformer.md)");
  bool seen = false;
  for (const kb::ResolvedLink& r : back) {
    if (r.source != kDailyLog || r.link.line != line) continue;
    seen = true;
    CHECK(r.link.text == "Transformer基础模型");
    CHECK(r.link.raw == "/大模型LM/文献精读/Transformer.md");
    CHECK(r.context.find("Transformer基础模型") != std::string::npos);
    CHECK(r.context.find("](") == std::string::npos);
  }
  CHECK(seen);
}

TEST_CASE("backlinks of other fixture notes", "[link_graph]") {
  // From fixtures/README.md, "Not orphans".
  struct Row {
    std::string target;
    std::string source;
    std::string written;
  };
  const Row rows[] = {
      {"posts/000_7de7bcde4ef4daba.md", "大模型LM/Diffusion扩散模型.md",
       "(../posts/000_7de7bcde4ef4daba.md)"},
      {"posts/003_6d4cd4a21d58f612.md", "日记/2024-11-17.md", "[[周记 Week19]]"},
      {"日记/2024-10-21.md", "日记/2024-11-17.md", "[[2024-10-21]]"},
      {"edge/no-title.md", "edge/deep-nesting.md", "(no-title.md)"},
      {"English/old-style.markdown", "English/attention-notes.md", "(old-style.markdown)"},
      {kMixed, kToRead, "[[注意力机制笔记]]"},
  };
  for (const Row& row : rows) {
    INFO(row.target);
    const std::vector<kb::ResolvedLink> back =
        value_of(graph().backlinks(row.target), "backlinks");
    CHECK(source_lines(back) ==
          std::vector<SourceLine>{{row.source, line_of(row.source, row.written)}});
  }
  // GPT: from the README's percent-encoded link and from Transformer.md.
  CHECK(source_lines(value_of(graph().backlinks(kGpt), "backlinks")) ==
        std::vector<SourceLine>{
            // by path: "大模型LM/R..." sorts before "大模型LM/文..."
            {"大模型LM/README.md",
             line_of("大模型LM/README.md", "(%E6%96%87%E7%8C%AE%E7%B2%BE%E8%AF%BB/GPT.md)")},
            {kTransformer, line_of(kTransformer, "[GPT](GPT.md)")}});
  // DTNN: from MolecularD.md, SchNet.md and orphan.md.
  const std::vector<kb::ResolvedLink> dtnn =
      value_of(graph().backlinks("分子动力学机器学习/文献精读/DTNN.md"), "backlinks");
  std::set<std::string> sources;
  for (const kb::ResolvedLink& r : dtnn) sources.insert(r.source);
  CHECK(sources == std::set<std::string>{kMolecularD, kSchNet, "孤立笔记/orphan.md"});
}

TEST_CASE("backlinks and mentions name each source note by its title", "[link_graph]") {
  // GPT's backlinks come from 大模型LM/README.md, titled by its H1, and from
  // Transformer.md, titled in its front matter.
  std::map<std::string, std::string> titles;
  for (const kb::ResolvedLink& r : value_of(graph().backlinks(kGpt), "backlinks")) {
    titles[r.source] = r.source_title;
  }
  CHECK(titles == std::map<std::string, std::string>{{"大模型LM/README.md", "大模型LM"},
                                                     {kTransformer, "Transformer 精读"}});
  // posts/002 says "plan" in plain text; its first heading is its title.
  titles.clear();
  for (const kb::ResolvedLink& r :
       value_of(graph().mentions("Obsidian库/Projects/plan.md"), "mentions")) {
    titles[r.source] = r.source_title;
  }
  CHECK(titles["posts/002_7d284882a2bce6d3.md"] == "Professor Gao said I don't work hard");
  // A note's own links all have it as their source: no title is repeated.
  for (const kb::ResolvedLink& r : value_of(graph().links(kTransformer), "links")) {
    CHECK(r.source_title.empty());
  }
}

// backlinks() keeps "the first such link of the line" (link_graph.h): the
// first in the note's link order, which the note parser makes Markdown
// links before wikilinks within a line. It sorts the links it found with
// std::sort, which is not stable, and then keeps the first of each line, so
// with more than a handful of entries the kept link is arbitrary.
TEST_CASE("backlinks give one entry per line: its first link to the note",
          "[link_graph]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "t.md", "# T\n\nThe target.\n");
  const int kLines = 60;
  const std::vector<std::string> sources = {"a.md", "b.md", "c.md"};
  for (const std::string& name : sources) {
    std::string text = "# Source\n\n";
    for (int i = 0; i < kLines; ++i) {
      text += "- item " + std::to_string(i) + ": [md](t.md) then [[t]]\n";
    }
    kbtest::write_file(tmp.path() / name, text);
  }
  index_kb(tmp.path());
  const kb::LinkGraph g = open_graph(tmp.path());
  // Each line: the Markdown link first, in the text and in links().
  const std::vector<kb::ResolvedLink> links = value_of(g.links("a.md"), "links");
  REQUIRE(links.size() == 2 * kLines);
  CHECK(links[0].link.kind == kb::Link::Kind::kMarkdown);
  CHECK(links[1].link.kind == kb::Link::Kind::kWikilink);

  const std::vector<kb::ResolvedLink> back = value_of(g.backlinks("t.md"), "backlinks");
  REQUIRE(back.size() == sources.size() * kLines);
  int wikilinks_kept = 0;
  for (std::size_t i = 0; i < back.size(); ++i) {
    const kb::ResolvedLink& r = back[i];
    INFO(r.source << ":" << r.link.line);
    CHECK(r.source == sources[i / kLines]);
    CHECK(r.link.line == 3 + static_cast<int>(i % kLines));
    if (r.link.kind != kb::Link::Kind::kMarkdown) ++wikilinks_kept;
  }
  CHECK(wikilinks_kept == 0);
}

TEST_CASE("backlinks and links of a note that is not indexed are kNotFound",
          "[link_graph]") {
  for (const std::string& path :
       {std::string("不存在.md"), std::string("Obsidian库/.obsidian/workspace.md"),
        std::string(".hidden/secret.md"), std::string("assets/not-a-note.txt"),
        std::string("大模型LM/文献精读/Transformer")}) {
    INFO(path);
    const auto back = graph().backlinks(path);
    REQUIRE_FALSE(back.has_value());
    CHECK(back.error().code() == kb::Code::kNotFound);
    const auto links = graph().links(path);
    REQUIRE_FALSE(links.has_value());
    CHECK(links.error().code() == kb::Code::kNotFound);
  }
}

TEST_CASE("LinkGraph::open needs an index", "[link_graph]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "a.md", "# A\n");
  const auto g = kb::LinkGraph::open(tmp.path());
  REQUIRE_FALSE(g.has_value());
  CHECK(g.error().code() == kb::Code::kNotFound);
}

// --------------------------------------------------------------------- links

TEST_CASE("links of the docsify daily log resolve or are external", "[link_graph]") {
  // fixtures/README.md: a site-root link, relative links to DeepMD and
  // SchNet, an anchored link to MolecularD#文献收集总结, and external links.
  struct Row {
    std::string written;
    Status status;
    std::string target;
  };
  const Row rows[] = {
      {"(/大模型LM/文献精读/Transformer.md)", Status::kResolved, kTransformer},
      {"(../分子动力学机器学习/文献精读/DeepMD.md)", Status::kResolved, kDeepMD},
      {"(../分子动力学机器学习/文献精读/SchNet.md)", Status::kResolved, kSchNet},
      {"(../项目进展记录/MolecularD.md#文献收集总结)", Status::kResolved, kMolecularD},
      {"(https://llyg0102.github.io)", Status::kExternal, ""},
      {"(https://www.bilibili.com/video/", Status::kExternal, ""},
      {"(https://docsify.js.org/#/zh-cn/)", Status::kExternal, ""},
  };
  std::vector<Outcome> expected;
  for (const Row& row : rows) {
    expected.emplace_back(kDailyLog, line_of(kDailyLog, row.written), kb::name_of(row.status),
                          row.target);
  }
  std::sort(expected.begin(), expected.end(), [](const Outcome& a, const Outcome& b) {
    return std::get<1>(a) < std::get<1>(b);
  });
  // Every link of the file is one of those: it has one "](" per link.
  REQUIRE(count_of(kbtest::read_file(fixture_kb() / kDailyLog), "](") == expected.size());

  const std::vector<kb::ResolvedLink> links = value_of(graph().links(kDailyLog), "links");
  std::vector<Outcome> got;
  for (const kb::ResolvedLink& r : links) got.push_back(outcome_of(r));
  CHECK(got == expected);  // in line order
  for (const kb::ResolvedLink& r : links) {
    CHECK(r.source == kDailyLog);
    CHECK(r.candidates.empty());
  }
}

TEST_CASE("links include same-note links and embeds", "[link_graph]") {
  const std::string journal = "日记/2024-11-17.md";
  const std::vector<kb::ResolvedLink> links = value_of(graph().links(journal), "links");
  std::vector<Outcome> got;
  for (const kb::ResolvedLink& r : links) got.push_back(outcome_of(r));
  const std::vector<Outcome> expected = {
      {journal, line_of(journal, "[[#今日总结]]"), "resolved", journal},
      {journal, line_of(journal, "![[DeepMD]]"), "resolved", kDeepMD},
      {journal, line_of(journal, "[[周记 Week19]]"), "resolved", "posts/003_6d4cd4a21d58f612.md"},
      {journal, line_of(journal, "[[2024-10-21]]"), "resolved", "日记/2024-10-21.md"},
  };
  CHECK(got == expected);
}

// -------------------------------------------------------------------- broken

TEST_CASE("broken lists exactly the seven problem links of fixtures/README.md",
          "[link_graph]") {
  std::vector<Outcome> expected = {
      // Obsidian's tie-break chose one of two, and it is still reported.
      {kNewton, line_of(kNewton, "[[Graph view]]"), "ambiguous", kGraphView},
      // Obsidian would find the note by its name; the published site does not.
      {kAbout, line_of(kAbout, "[问候](hello-world.md)"), "broken", ""},
      {kBrokenLinks, line_of(kBrokenLinks, "(../不存在的笔记.md)"), "broken", ""},
      {kBrokenLinks, line_of(kBrokenLinks, "(../项目进展记录/MolecularD.md#没有这个标题)"),
       "broken-anchor", kMolecularD},
      {kBrokenLinks, line_of(kBrokenLinks, "[[Nonexistent Note]]"), "broken", ""},
      {kBrokenLinks, line_of(kBrokenLinks, "(../../../etc/passwd)"), "broken", ""},
      {kReadingList, line_of(kReadingList, "![diagram](../assets/diagram.png)"), "broken", ""},
  };
  std::sort(expected.begin(), expected.end());
  const std::vector<kb::ResolvedLink> broken = value_of(graph().broken(), "broken");
  std::vector<Outcome> got;
  for (const kb::ResolvedLink& r : broken) {
    got.push_back(outcome_of(r));
    if (r.status == Status::kAmbiguous) {
      CHECK(r.candidates == std::vector<std::string>{kDeepGraphView});
    } else {
      CHECK(r.candidates.empty());
    }
  }
  CHECK(got == expected);  // by source, then line
}

// ------------------------------------------------------------------- orphans

TEST_CASE("orphans are the fourteen notes of fixtures/README.md", "[link_graph]") {
  std::vector<std::string> expected = {
      // Not Obsidian库/插件/Graph view.md: the tie-break's choice is linked.
      kDeepGraphView,
      "Obsidian库/Projects/子项目/进度.md",
      "孤立笔记/orphan.md",
      "posts/001_55c4e469920f7bc4.md",
      "posts/002_7d284882a2bce6d3.md",
      "大模型LM/README.md",
      "English/toml-frontmatter.md",
      "混合/broken-links.md",
      "日记/2024-11-17.md",  // its [[#今日总结]] is a self-link
      "edge/broken-frontmatter.md",
      "edge/code-only.md",
      "edge/crlf-bom.md",
      "edge/deep-nesting.md",
      "edge/empty.md",
  };
  std::sort(expected.begin(), expected.end());
  CHECK(value_of(graph().orphans(), "orphans") == expected);
}

// --------------------------------------------------------------------- edges

TEST_CASE("edges are sorted distinct links between indexed notes", "[link_graph]") {
  const auto edges = value_of(graph().edges(), "edges");
  CHECK(std::is_sorted(edges.begin(), edges.end()));
  CHECK(std::adjacent_find(edges.begin(), edges.end()) == edges.end());
  const std::set<std::string> notes = [] {
    std::set<std::string> out;
    for (const auto& [path, text] : fixture_notes()) out.insert(path);
    return out;
  }();
  for (const auto& [from, to] : edges) {
    INFO(from << " -> " << to);
    CHECK(from != to);
    CHECK(notes.count(from) == 1);
    CHECK(notes.count(to) == 1);
  }
  const auto has = [&](const std::string& a, const std::string& b) {
    return std::binary_search(edges.begin(), edges.end(), std::make_pair(a, b));
  };
  // "Transformer.md itself links out to BERT.md and GPT.md."
  CHECK(has(kTransformer, kBert));
  CHECK(has(kTransformer, kGpt));
  CHECK(has(kBert, kTransformer));
  CHECK(has(kToRead, kTransformer));  // post_link
  CHECK(has(kDeepMD, kMolecularD));   // with an anchor
  CHECK_FALSE(has("日记/2024-11-17.md", "日记/2024-11-17.md"));
  // Every orphan is no edge's target, every other note is one's.
  const auto orphans = value_of(graph().orphans(), "orphans");
  std::set<std::string> targets;
  for (const auto& e : edges) targets.insert(e.second);
  for (const std::string& path : notes) {
    INFO(path);
    const bool orphan = std::find(orphans.begin(), orphans.end(), path) != orphans.end();
    CHECK(orphan == (targets.count(path) == 0));
  }
}

// ---------------------------------------------------------------------- tags

TEST_CASE("tags counts the notes that have each tag", "[link_graph]") {
  const std::vector<kb::TagCount> tags = value_of(graph().tags(""), "tags");
  // Ground truth by scanning the notes' front matter and text.
  for (const char* name : {"LLM", "注意力", "孤立", "decoder-only"}) {
    std::size_t expected = 0;
    for (const auto& [path, text] : fixture_notes()) expected += has_tag(text, name) ? 1 : 0;
    INFO(name);
    REQUIRE(expected > 0);
    const kb::TagCount* tag = find_tag(tags, name);
    REQUIRE(tag != nullptr);
    CHECK(tag->notes == expected);
  }
  // LLM: Transformer.md, BERT.md and 注意力机制笔记.md (front matter),
  // GPT.md, posts/000 and its mojibake copy posts/001 (inline #LLM).
  REQUIRE(find_tag(tags, "LLM") != nullptr);
  CHECK(find_tag(tags, "LLM")->notes == 6);
  // `tags: "#paper"` is the tag paper.
  REQUIRE(find_tag(tags, "paper") != nullptr);
  CHECK(find_tag(tags, "paper")->notes == 1);
  CHECK(find_tag(tags, "#paper") == nullptr);
  // Never tags: a comment in code, C#, an issue number, a URL fragment.
  for (const char* not_tag : {"notatag", "include", "123", "section"}) {
    INFO(not_tag);
    CHECK(find_tag(tags, not_tag) == nullptr);
  }
  // One entry per tag.
  std::set<std::string> names;
  for (const kb::TagCount& t : tags) names.insert(t.name);
  CHECK(names.size() == tags.size());
}

TEST_CASE("tags under a prefix are the prefix and the tags below it", "[link_graph]") {
  // 项目: MolecularD.md (front matter "tags: [项目, 分子动力学]") and
  // 每周计划.md (inline #项目/分子动力学, twice); 项目/分子动力学 only the
  // latter.
  const std::vector<kb::TagCount> tags = value_of(graph().tags("项目"), "tags");
  REQUIRE(tags.size() == 2);
  CHECK(tags[0].name == "项目");
  CHECK(tags[0].notes == 2);
  CHECK(tags[1].name == "项目/分子动力学");
  CHECK(tags[1].notes == 1);
  const std::vector<kb::TagCount> slash = value_of(graph().tags("项目/"), "tags");
  REQUIRE(slash.size() == 2);
  CHECK(slash[0].name == "项目");
  CHECK(value_of(graph().tags("项目/分子动力学"), "tags").size() == 1);
  // Compared case-insensitively; shown in the spelling of the notes.
  const std::vector<kb::TagCount> llm = value_of(graph().tags("llm"), "tags");
  REQUIRE(llm.size() == 1);
  CHECK(llm[0].name == "LLM");
  // A prefix is a whole tag: "LL" is not "LLM".
  CHECK(value_of(graph().tags("LL"), "tags").empty());
  CHECK(value_of(graph().tags("没有这个标签"), "tags").empty());
}

// ------------------------------------------------------------------- mending

TEST_CASE("adding the note a link names mends it without re-indexing its source",
          "[link_graph]") {
  kbtest::IndexedFixture kb;
  const int line = line_of(kBrokenLinks, "[[Nonexistent Note]]");
  const auto link_at = [&](const kb::LinkGraph& g) {
    kb::ResolvedLink found;
    int n = 0;
    for (kb::ResolvedLink& r : value_of(g.links(kBrokenLinks), "links")) {
      if (r.link.line == line && r.link.kind == kb::Link::Kind::kWikilink) {
        found = std::move(r);
        ++n;
      }
    }
    REQUIRE(n == 1);
    return found;
  };
  {
    const kb::LinkGraph before = kb.graph();
    CHECK(link_at(before).status == Status::kBroken);
  }

  kb.files().write("Nonexistent Note.md", "# Nonexistent Note\n\n现在它存在了。\n");
  const kb::IndexReport report = kb.update();
  CHECK(report.added == 1);
  CHECK(report.updated == 0);  // broken-links.md was not read again
  CHECK(report.removed == 0);

  const kb::LinkGraph after = kb.graph();
  const kb::ResolvedLink mended = link_at(after);
  CHECK(mended.status == Status::kResolved);
  CHECK(mended.target == "Nonexistent Note.md");
  CHECK(source_lines(value_of(after.backlinks("Nonexistent Note.md"), "backlinks")) ==
        std::vector<SourceLine>{{kBrokenLinks, line}});
  const std::vector<kb::ResolvedLink> broken = value_of(after.broken(), "broken");
  CHECK(broken.size() == 6);
  for (const kb::ResolvedLink& r : broken) CHECK(r.link.line != line);
  const auto orphans = value_of(after.orphans(), "orphans");
  CHECK(std::find(orphans.begin(), orphans.end(), "Nonexistent Note.md") == orphans.end());
}

// libindex/README.md: "A path that leaves the root is broken; nothing outside
// the root is ever read or stat'ed", and the crawler "follows symlinks only
// inside the root". The index's file_exists() stat()s the link's path, which
// follows a symlink wherever it points: a link to a symlink inside the root
// that points outside resolves, and the file outside is stat'ed.
TEST_CASE("a file link through a symlink that leaves the root is broken",
          "[link_graph]") {
  kbtest::TempDir outside;
  kbtest::write_file(outside.path() / "secret.png", "not an image");
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "inside.png", "an image");
  std::error_code ec;
  fs::create_directories(tmp.path() / "assets");
  fs::create_symlink(outside.path() / "secret.png", tmp.path() / "assets" / "escape.png", ec);
  REQUIRE_FALSE(ec);
  fs::create_directory_symlink(outside.path(), tmp.path() / "linked", ec);
  REQUIRE_FALSE(ec);
  fs::create_symlink(tmp.path() / "inside.png", tmp.path() / "assets" / "alias.png", ec);
  REQUIRE_FALSE(ec);
  kbtest::write_file(tmp.path() / "note.md",
                     "# Note\n\n"
                     "![in](assets/alias.png)\n\n"
                     "![out](assets/escape.png)\n\n"
                     "![dir](linked/secret.png)\n");
  index_kb(tmp.path());
  const kb::LinkGraph g = open_graph(tmp.path());
  const std::vector<kb::ResolvedLink> links = value_of(g.links("note.md"), "links");
  REQUIRE(links.size() == 3);
  // A symlink to a file inside the root is a file inside the root.
  CHECK(links[0].status == Status::kResolved);
  CHECK(links[0].target == "assets/alias.png");
  for (std::size_t i = 1; i < links.size(); ++i) {
    INFO(links[i].link.raw);
    CHECK(links[i].status == Status::kBroken);
    CHECK(links[i].target.empty());
  }
}

// ----------------------------------------------------------------- corruption

TEST_CASE("a damaged record is kCorruption in every query that reads it", "[link_graph]") {
  // The graph used to read an unreadable record as "no links", while the
  // searcher reported it: both now say what is damaged.
  kbtest::IndexedFixture kb;
  {
    Xapian::WritableDatabase db(kb::database_path(kb.root()).string(), Xapian::DB_OPEN);
    db.set_metadata(kb::record_key(kBert), "\x05garbage");
    db.commit();
  }
  const kb::LinkGraph g = kb.graph();
  const auto is_corruption = [&](const kb::Status& status) {
    INFO(status.to_string());
    CHECK(status.code() == kb::Code::kCorruption);
    CHECK(status.subject() == kBert);
  };
  is_corruption(g.links(kBert).status());
  is_corruption(g.backlinks(kTransformer).status());  // BERT links to it
  is_corruption(g.broken().status());
  is_corruption(g.orphans().status());
  is_corruption(g.edges().status());
  is_corruption(g.mentions(kBert).status());
  is_corruption(g.related(kBert).status());
  // Notes BERT does not link to are still answered.
  CHECK(g.backlinks(kDeepMD).has_value());
  const kb::Searcher searcher = kb.searcher();
  is_corruption(searcher.search("bidirectional").status());
}

// -------------------------------------------------------------- hidden files

TEST_CASE("links in hidden folders never appear", "[link_graph]") {
  // Obsidian库/.obsidian/workspace.md links [[Transformer]], .hidden/secret.md links
  // ../大模型LM/文献精读/Transformer.md: traps.
  for (const kb::ResolvedLink& r : value_of(graph().backlinks(kTransformer), "backlinks")) {
    CHECK_FALSE(is_hidden(r.source));
  }
  for (const kb::ResolvedLink& r : value_of(graph().broken(), "broken")) {
    CHECK_FALSE(is_hidden(r.source));
  }
  for (const auto& [from, to] : value_of(graph().edges(), "edges")) {
    CHECK_FALSE(is_hidden(from));
    CHECK_FALSE(is_hidden(to));
  }
  for (const std::string& path : value_of(graph().orphans(), "orphans")) {
    CHECK_FALSE(is_hidden(path));
  }
}

// ---------------------------------------------------------------- tag names

TEST_CASE("a tag shows the spelling most notes use, as the notes change", "[link_graph]") {
  kbtest::TempDir tmp;
  kbtest::MemEnv files(tmp.path());
  kb::IndexOptions options = kbtest::fast_index_options();
  options.env = &files;
  const auto tag_names = [&] {
    auto index = kb::Index::open(tmp.path(), options);
    REQUIRE(index.has_value());
    REQUIRE(index->update().has_value());
    auto g = kb::LinkGraph::open(tmp.path(), files);
    REQUIRE(g.has_value());
    std::vector<std::string> names;
    for (const kb::TagCount& tag : value_of(g->tags(), "tags")) {
      names.push_back(tag.name + "=" + std::to_string(tag.notes));
    }
    return names;
  };
  files.write("a.md", "#Foo here\n");
  files.write("b.md", "#Foo there\n");
  CHECK(tag_names() == std::vector<std::string>{"Foo=2"});
  // Renamed everywhere: the old spelling goes (it used to stay forever).
  files.write("a.md", "#foo here\n");
  files.write("b.md", "#foo there\n");
  CHECK(tag_names() == std::vector<std::string>{"foo=2"});
  // Two against one, then a tie, which goes to the smaller in byte order.
  files.write("c.md", "#FOO too\n");
  CHECK(tag_names() == std::vector<std::string>{"foo=3"});
  files.remove("b.md");
  CHECK(tag_names() == std::vector<std::string>{"FOO=2"});
  files.remove("a.md");
  files.remove("c.md");
  CHECK(tag_names().empty());
  // What a clean build of the same notes shows.
  files.write("x.md", "#Bar\n");
  files.write("y.md", "#bar\n");
  files.write("z.md", "#bar\n");
  const std::vector<std::string> incremental = tag_names();
  fs::remove_all(tmp.path() / ".kbsearch");
  CHECK(tag_names() == incremental);
  CHECK(incremental == std::vector<std::string>{"bar=3"});
  // A tag longer than Xapian's key limit is counted under a hashed key: it
  // used to abort the update. (Tags past the term limit are not listed.)
  const std::string long_tag(300, 'q');
  files.write("long.md", "---\ntags: [" + long_tag + "]\n---\n");
  CHECK(tag_names() == std::vector<std::string>{"bar=3"});
}

TEST_CASE("a wikilink in a front-matter value is a backlink with its line and context",
          "[link_graph]") {
  kbtest::TempDir tmp;
  kbtest::write_file(tmp.path() / "Episode IV.md", "# Episode IV\n");
  kbtest::write_file(tmp.path() / "Episode V.md", "# Episode V\n");
  kbtest::write_file(tmp.path() / "Index.md", "# Index\n");
  kbtest::write_file(tmp.path() / "hope.md",
                     "---\ntitle: A New Hope\nlink: \"[[Episode IV]]\"\nnext:\n"
                     "  - \"[[Episode V|the sequel]]\"\n  - \"[[Episode VI]]\"\n---\n"
                     "Body.\n");
  kbtest::write_file(tmp.path() / "hugo.md", "+++\nup = \"[[Index]]\"\n+++\n");
  index_kb(tmp.path());
  const kb::LinkGraph g = open_graph(tmp.path());

  const auto iv = value_of(g.backlinks("Episode IV.md"), "backlinks");
  REQUIRE(iv.size() == 1);
  CHECK(iv[0].source == "hope.md");
  CHECK(iv[0].link.kind == kb::Link::Kind::kWikilink);
  CHECK(iv[0].link.line == 3);
  CHECK(iv[0].link.context == "link: Episode IV");
  const auto v = value_of(g.backlinks("Episode V.md"), "backlinks");
  REQUIRE(v.size() == 1);
  CHECK(v[0].link.line == 5);
  CHECK(v[0].link.context == "next: the sequel");
  const auto index = value_of(g.backlinks("Index.md"), "backlinks");
  REQUIRE(index.size() == 1);
  CHECK(index[0].source == "hugo.md");
  CHECK(index[0].link.line == 2);

  // Episode VI does not exist: broken; the others are no orphans.
  const auto broken = value_of(g.broken(), "broken");
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].source == "hope.md");
  CHECK(broken[0].link.target == "Episode VI");
  CHECK(broken[0].link.line == 6);
  const auto orphans = value_of(g.orphans(), "orphans");
  CHECK(std::count(orphans.begin(), orphans.end(), "Episode IV.md") == 0);
  CHECK(std::count(orphans.begin(), orphans.end(), "Index.md") == 0);
}
