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

// ------------------------------------------------------------------- related

TEST_CASE("related gives each note's reasons, from the fixture's links and tags",
          "[cli][reports]") {
  IndexedKb fx;
  const std::string bert = "大模型LM/文献精读/BERT.md";
  for (const fs::path& cwd : {fx.kb, fx.kb / "大模型LM"}) {
    INFO(cwd);
    const Run run = kbsearch({"--kb", fx.kb.string(), "related", "--json", "-n", "20", bert}, cwd);
    REQUIRE(run.exit_code == 0);
    std::map<std::string, nlohmann::json> by_path;
    double last_score = 1e9;
    for (const nlohmann::json& data : data_of(run.out, "note")) {
      // Most related first.
      CHECK(data.at("score").get<double>() <= last_score);
      last_score = data.at("score").get<double>();
      by_path[data.at("path").get<std::string>()] = data;
    }
    REQUIRE(by_path.count(bert) == 0);
    // BERT.md links to Transformer.md ([Transformer](Transformer.md)), which
    // links back ([[BERT]] in its last section); both are tagged LLM in
    // their front matter.
    const nlohmann::json& transformer = by_path.at("大模型LM/文献精读/Transformer.md");
    CHECK(transformer.at("title") == "Transformer 精读");
    CHECK(transformer.at("link") == "both");
    CHECK(transformer.at("shared_tags") == nlohmann::json::array({"LLM"}));
    // GPT.md links to BERT.md, and to Transformer.md as BERT.md does.
    const nlohmann::json& gpt = by_path.at("大模型LM/文献精读/GPT.md");
    CHECK(gpt.at("link") == "from");
    CHECK(gpt.at("shared_links") == nlohmann::json::array({"大模型LM/文献精读/Transformer.md"}));
    CHECK(gpt.at("shared_tags") == nlohmann::json::array({"LLM"}));
    // Every reason adds to the score: 2 a direction, 1 a shared link or tag,
    // up to 3 for words.
    for (const auto& [path, data] : by_path) {
      INFO(path);
      const std::string link = data.at("link").is_null() ? "" : data.at("link").get<std::string>();
      const double counted = (link == "both" ? 4 : link.empty() ? 0 : 2) +
                             static_cast<double>(data.at("shared_links").size() +
                                                 data.at("shared_tags").size());
      const double words = data.at("score").get<double>() - counted;
      CHECK(words >= -1e-9);
      CHECK(words <= 3 + 1e-9);
      if (!data.at("similar_words").empty()) CHECK(words > 0);
      CHECK((counted > 0 || !data.at("similar_words").empty()));
    }
  }
}

TEST_CASE("related names the shared words, tags and links in text", "[cli][reports]") {
  MadeKb fx({{"a.md", "---\ntags: [physics, 力学/牛顿]\n---\n# A\n\n[[hub]] [[other]] "
                      "momentum conservation Lagrangian Hamiltonian\n"},
             {"b.md", "---\ntags: [力学/牛顿]\n---\n# B\n\n[[hub]] [[other]] [[a]]\n"},
             {"c.md", "# C\n\nLagrangian Hamiltonian momentum\n"},
             {"hub.md", "# Hub\n"},
             {"other.md", "# Other\n"},
             {"unrelated.md", "# Unrelated\n\ncooking recipes\n"}});
  const Run run = kbsearch({"--kb", fx.kb.string(), "related", "a"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  const std::string out = run.out;
  // b.md links to a.md, and to the two notes a.md links to; it shares the
  // tag 力学/牛顿 (and so its parent 力学).
  const std::string b = "b.md  B\n"
                        "  link: it links to this note\n"
                        "  shared links (2): hub.md, other.md\n"
                        "  shared tags: #力学 #力学/牛顿\n";
  CHECK(out.rfind(b, 0) == 0);
  // a.md links to hub.md and other.md.
  CHECK(out.find("hub.md  Hub\n  link: this note links to it\n") != std::string::npos);
  // c.md shares only words.
  const std::size_t c = out.find("c.md  C\n  similar words: ");
  REQUIRE(c != std::string::npos);
  const std::string words = out.substr(c, out.find('\n', out.find('\n', c) + 1) - c);
  CHECK(words.find("lagrangian") != std::string::npos);
  CHECK(words.find("hamiltonian") != std::string::npos);
  CHECK(out.find("unrelated.md") == std::string::npos);
}
