// End-to-end tests of the link reports that explain themselves: `related`
// with its reasons, `mentions` outside links, and `broken` with its "did
// you mean". Expected values come from what the fixture notes say (their
// tags, links and words), or from small knowledge bases made here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kbsearch_run.h"
#include "test_util.h"

namespace fs = std::filesystem;

using namespace kbtest;  // NOLINT: the runner and readers of kbsearch_run.h

namespace {

// A knowledge base of `notes` (path -> text), indexed.
struct MadeKb {
  kbtest::TempDir dir;
  fs::path kb;
  explicit MadeKb(const std::map<std::string, std::string>& notes) : kb(dir.path() / "kb") {
    for (const auto& [path, text] : notes) kbtest::write_file(kb / path, text);
    REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path()).exit_code == 0);
  }
};

// (source, line) of each "link" that `mentions --json NOTE` printed, run in `cwd`.
std::set<std::pair<std::string, int>> mention_places(const fs::path& kb, const fs::path& cwd,
                                                     const std::string& note) {
  const Run run = kbsearch({"--kb", kb.string(), "mentions", "--json", note}, cwd);
  REQUIRE((run.exit_code == 0 || run.exit_code == 1));
  std::set<std::pair<std::string, int>> places;
  for (const nlohmann::json& data : data_of(run.out, "link")) {
    places.emplace(data.at("source").get<std::string>(), data.at("line").get<int>());
  }
  return places;
}

// Line `n` (1-based) of the file at `path`.
std::string file_line(const fs::path& path, int n) {
  const std::vector<std::string> lines = printed_lines(kbtest::read_file(path));
  REQUIRE(n >= 1);
  REQUIRE(static_cast<std::size_t>(n) <= lines.size());
  return lines[static_cast<std::size_t>(n) - 1];
}

}  // namespace

// ------------------------------------------------------------------ mentions

TEST_CASE("mentions skips a name that is only inside a link's text", "[cli][reports]") {
  IndexedKb fx;
  const std::string plan = "Obsidian库/Projects/plan.md";
  // From the root and from a subfolder: the same places.
  for (const fs::path& cwd : {fx.kb, fx.kb / "posts"}) {
    INFO(cwd);
    const std::set<std::pair<std::string, int>> places = mention_places(fx.kb, cwd, plan);
    // posts/000 and 001 say "plan" only in the text of a link to a YouTube
    // video ("[Yann LeCun | ... reason, and plan - YouTube](https://...)").
    const std::string youtube = file_line(fx.kb / "posts/000_7de7bcde4ef4daba.md", 26);
    REQUIRE(youtube.find("and plan - YouTube](https://") != std::string::npos);
    for (const auto& [source, line] : places) {
      CHECK(source != "posts/000_7de7bcde4ef4daba.md");
      CHECK(source != "posts/001_55c4e469920f7bc4.md");
    }
    // posts/002 says "make a plan first." twice, in plain text.
    CHECK(places.count({"posts/002_7d284882a2bce6d3.md", 101}) == 1);
    CHECK(places.count({"posts/002_7d284882a2bce6d3.md", 102}) == 1);
    // Every mention left holds the word outside any link.
    for (const auto& [source, line] : places) {
      const std::string text = std::regex_replace(file_line(fx.kb / source, line),
                                                  std::regex(R"(\[[^\]]*\]\([^)]*\))"), "");
      CHECK(std::regex_search(text, std::regex(R"(\bplan\b)", std::regex::icase)));
    }
  }
}

TEST_CASE("mentions counts only text outside links, code blocks aside", "[cli][reports]") {
  // The other notes' own titles do not hold the names: links name them by
  // file stem.
  MadeKb fx({{"Transformer.md", "# Transformer\n\nThe architecture.\n"},
             {"Transformer 架构.md", "# 架构\n\nIts layers.\n"},
             {"注意力.md", "# 注意力\n\n机制。\n"},
             {"注意力机制笔记.md", "# 机制笔记\n\n笔记。\n"},
             {"reader.md",
              "# Reader\n"                                                   // 1
              "\n"                                                           // 2
              "See [[Transformer 架构]] for the layers.\n"                   // 3
              "\n"                                                           // 4
              "The [notes on Transformer](https://example.org/t) are online.\n"  // 5
              "\n"                                                           // 6
              "<https://example.org/Transformer>\n"                          // 7
              "\n"                                                           // 8
              "https://example.org/Transformer/paper\n"                      // 9
              "\n"                                                           // 10
              "Read [[Transformer 架构|Transformer]] first.\n"               // 11
              "\n"                                                           // 12
              "The Transformer came in 2017.\n"                              // 13
              "\n"                                                           // 14
              "Both [[Transformer 架构]] and the Transformer itself.\n"      // 15
              "\n"                                                           // 16
              "```\n"                                                        // 17
              "Transformer in code\n"                                        // 18
              "```\n"                                                        // 19
              "\n"                                                           // 20
              "A `Transformer` in a code span.\n"                            // 21
              "\n"                                                           // 22
              "详见 [[注意力机制笔记]]。\n"                                  // 23
              "\n"                                                           // 24
              "注意力很重要。\n"}});                                         // 25
  const std::set<std::pair<std::string, int>> transformer =
      mention_places(fx.kb, fx.dir.path(), "Transformer.md");
  CHECK(transformer == std::set<std::pair<std::string, int>>{
                           {"reader.md", 13}, {"reader.md", 15}, {"reader.md", 21}});
  const std::set<std::pair<std::string, int>> attention =
      mention_places(fx.kb, fx.kb, "注意力.md");
  CHECK(attention == std::set<std::pair<std::string, int>>{{"reader.md", 25}});
}

// -------------------------------------------------------------------- broken

TEST_CASE("broken suggests the note a misspelt link meant", "[cli][reports]") {
  MadeKb fx({{"notes/Transformer.md", "# Transformer\n\n## 多头注意力\n\nHeads.\n"},
             {"notes/GPT.md", "# GPT\n"},
             {"notes/注意力.md", "# 注意力\n"},
             {"notes/quantum.md", "---\ntitle: Quantum field theory\n---\nQFT.\n"},
             {"src/links.md",
              "# Links\n"                              // 1
              "\n"                                     // 2
              "- [[Transfomer]]\n"                     // 3: a letter left out
              "- [[GTP]]\n"                            // 4: two letters swapped
              "- [a](../notes/Transformr.md)\n"        // 5: a path, misspelt
              "- [[Transformer#多头注意]]\n"           // 6: a heading, cut short
              "- [[Quantum feld theory]]\n"            // 7: by its title
              "- [[Quantum chromodynamics]]\n"         // 8: nothing close
              "- [[注意]]\n"                           // 9: too short to guess
              "- ![[diagram.png]]\n"                   // 10: a file, not a note
              "- [[Transformer#没有这个标题]]\n"}});   // 11: no such heading
  const std::map<int, std::string> expected = {
      {3, "notes/Transformer.md"}, {4, "notes/GPT.md"},  {5, "notes/Transformer.md"},
      {6, "多头注意力"},           {7, "notes/quantum.md"}, {8, ""},
      {9, ""},                     {10, ""},              {11, ""}};
  for (const fs::path& cwd : {fx.kb, fx.kb / "src"}) {
    INFO(cwd);
    const Run json = kbsearch({"--kb", fx.kb.string(), "broken", "--json"}, cwd);
    REQUIRE(json.exit_code == 0);
    std::map<int, std::string> suggested;
    for (const nlohmann::json& data : data_of(json.out, "link")) {
      suggested[data.at("line").get<int>()] = data.at("suggestion").get<std::string>();
    }
    CHECK(suggested == expected);
  }
  const Run text = kbsearch({"--kb", fx.kb.string(), "broken"}, fx.kb);
  const std::vector<std::string> lines = printed_lines(text.out);
  REQUIRE(lines.size() == expected.size());
  CHECK(lines[0] == "src/links.md:3: broken [[Transfomer]]  did you mean 'notes/Transformer.md'?");
  CHECK(lines[3] ==
        "src/links.md:6: broken-anchor [[Transformer#多头注意]]  did you mean '多头注意力'?");
  CHECK(lines[5] == "src/links.md:8: broken [[Quantum chromodynamics]]");
}

TEST_CASE("broken on the fixture offers the post a site-relative link meant", "[cli][reports]") {
  IndexedKb fx;
  // hexo-blog/source/about/index.md links "hello-world.md" from its own
  // folder; the post is in source/_posts/.
  const Run run = kbsearch({"--kb", fx.kb.string(), "broken", "--json"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  std::map<std::string, std::string> by_raw;
  for (const nlohmann::json& data : data_of(run.out, "link")) {
    by_raw[data.at("raw").get<std::string>()] = data.at("suggestion").get<std::string>();
  }
  CHECK(by_raw.at("hello-world.md") == "hexo-blog/source/_posts/hello-world.md");
  // Nothing is like these.
  CHECK(by_raw.at("Nonexistent Note").empty());
  CHECK(by_raw.at("../不存在的笔记.md").empty());
  CHECK(by_raw.at("../../../etc/passwd").empty());
}
