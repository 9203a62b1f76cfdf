// `kbsearch graph`: the neighbourhood of a note (--depth, --tag, --path),
// the whole graph (--all), and its pictures (--format svg|png, -o).
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kbsearch_run.h"

namespace {

using kbtest::data_of;
using kbtest::IndexedKb;
using kbtest::kbsearch;
using kbtest::printed_lines;
using kbtest::Run;
namespace fs = std::filesystem;

using Edges = std::set<std::pair<std::string, std::string>>;

const std::string kTransformer = "大模型LM/文献精读/Transformer.md";

struct Graph {
  std::map<std::string, nlohmann::json> nodes;  // by path
  Edges edges;
};

Graph graph_of(const Run& run) {
  Graph graph;
  for (const nlohmann::json& node : data_of(run.out, "node")) {
    graph.nodes[node.at("path").get<std::string>()] = node;
  }
  for (const nlohmann::json& edge : data_of(run.out, "edge")) {
    graph.edges.emplace(edge.at("source"), edge.at("target"));
  }
  return graph;
}

std::set<std::string> paths_of(const Graph& graph) {
  std::set<std::string> paths;
  for (const auto& [path, node] : graph.nodes) paths.insert(path);
  return paths;
}

// The notes within `depth` links of `centre` along `edges`, either way,
// with their distances: breadth first, written here apart from the
// program's own walk.
std::map<std::string, int> within(const Edges& edges, const std::string& centre, int depth) {
  std::map<std::string, int> distance = {{centre, 0}};
  for (int d = 0; d < depth; ++d) {
    for (const auto& [from, to] : edges) {
      for (const auto& [near, far] : {std::pair(from, to), std::pair(to, from)}) {
        auto at = distance.find(near);
        if (at != distance.end() && at->second == d) distance.emplace(far, d + 1);
      }
    }
  }
  return distance;
}

// The edges among `nodes`.
Edges among(const Edges& edges, const std::set<std::string>& nodes) {
  Edges out;
  for (const auto& edge : edges) {
    if (nodes.count(edge.first) != 0 && nodes.count(edge.second) != 0) out.insert(edge);
  }
  return out;
}

// The title of a fixture note as libindex/README.md defines it: the
// front-matter title, else the first H1 (the fixture's notes have one of
// the two).
std::string title_of(const fs::path& note) {
  const std::vector<std::string> lines = printed_lines(kbtest::read_file(note));
  std::size_t i = 0;
  if (!lines.empty() && lines[0] == "---") {
    for (i = 1; i < lines.size() && lines[i] != "---"; ++i) {
      if (lines[i].rfind("title: ", 0) == 0) return lines[i].substr(7);
    }
  }
  for (; i < lines.size(); ++i) {
    if (lines[i].rfind("# ", 0) == 0) return lines[i].substr(2);
  }
  return "";
}

// `xml` with its character references decoded: Graphviz writes '-' as
// "&#45;", and '&' '<' '>' as named entities.
std::string xml_decoded(const std::string& xml) {
  std::string out;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    const std::size_t end = xml[i] == '&' ? xml.find(';', i) : std::string::npos;
    if (end == std::string::npos || end - i > 8) {
      out += xml[i];
      continue;
    }
    const std::string name = xml.substr(i + 1, end - i - 1);
    static const std::map<std::string, char> kNamed = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    if (name.size() > 1 && name[0] == '#' && name[1] != 'x') {
      out += static_cast<char>(std::stoi(name.substr(1)));  // ASCII only, from Graphviz
    } else if (kNamed.count(name) != 0) {
      out += kNamed.at(name);
    } else {
      out += xml.substr(i, end - i + 1);
    }
    i = end;
  }
  return out;
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// The paths `kbsearch -l QUERY` finds: the notes search's filters keep.
std::set<std::string> search_paths(const IndexedKb& fx, const std::string& query) {
  const Run run = kbsearch({"--kb", fx.kb.string(), "search", "--json", query}, fx.dir.path());
  std::set<std::string> paths;
  for (const nlohmann::json& hit : data_of(run.out, "hit")) paths.insert(hit.at("path"));
  return paths;
}

// From the root, and from a subfolder with NOTE given from there: the same
// graph.
struct Place {
  fs::path cwd;
  std::string note;
};
std::vector<Place> places(const IndexedKb& fx) {
  return {{fx.kb, kTransformer}, {fx.kb / "大模型LM" / "文献精读", "Transformer.md"}};
}

}  // namespace

TEST_CASE("graph NOTE --depth 2 --format png draws the neighbourhood as a PNG", "[cli][graph]") {
  IndexedKb fx;
  for (const Place& at : places(fx)) {
    INFO(at.cwd);
    const Run run = kbsearch({"graph", at.note, "--depth", "2", "--format", "png"}, at.cwd);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.out.size() > 33);
    CHECK(run.out.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    CHECK(run.out.substr(12, 4) == "IHDR");
    // Thirteen boxes with CJK labels and a legend: hundreds of pixels each
    // way, and not absurd.
    const std::uint32_t width = big_endian(run.out, 16);
    const std::uint32_t height = big_endian(run.out, 20);
    CHECK(width >= 300);
    CHECK(height >= 200);
    CHECK(width <= 10000);
    CHECK(height <= 10000);
    CHECK(run.err.empty());
  }
}

TEST_CASE("graph --format svg holds each title as text", "[cli][graph]") {
  IndexedKb fx;
  const Graph neighbourhood = graph_of(
      kbsearch({"graph", kTransformer, "--depth", "2", "--json"}, fx.kb));
  REQUIRE(neighbourhood.nodes.size() > 5);
  for (const Place& at : places(fx)) {
    INFO(at.cwd);
    const Run svg = kbsearch({"graph", at.note, "--depth", "2", "--format", "svg"}, at.cwd);
    INFO(svg.err);
    REQUIRE(svg.exit_code == 0);
    CHECK(svg.out.find("<svg") != std::string::npos);
    const std::string text = xml_decoded(svg.out);
    for (const auto& [path, node] : neighbourhood.nodes) {
      const std::string title = title_of(fx.kb / path);
      INFO(path);
      REQUIRE(!title.empty());
      CHECK(node.at("title") == title);
      CHECK(text.find(">" + title + "</text>") != std::string::npos);
      // The path names the node, for a tooltip and for scripts.
      CHECK(text.find("<title>" + path + "</title>") != std::string::npos);
    }
  }
}

TEST_CASE("graph NOTE keeps the notes within --depth links, either way", "[cli][graph]") {
  IndexedKb fx;
  const Edges all = graph_of(kbsearch({"graph", "--json"}, fx.kb)).edges;
  REQUIRE(all.size() > 20);
  for (int depth : {1, 2, 3}) {
    INFO("depth " << depth);
    const std::map<std::string, int> expected = within(all, kTransformer, depth);
    std::set<std::string> expected_paths;
    for (const auto& [path, distance] : expected) expected_paths.insert(path);
    for (const Place& at : places(fx)) {
      INFO(at.cwd);
      const Graph graph = graph_of(
          kbsearch({"graph", at.note, "--depth", std::to_string(depth), "--json"}, at.cwd));
      CHECK(paths_of(graph) == expected_paths);
      for (const auto& [path, node] : graph.nodes) {
        INFO(path);
        CHECK(node.at("distance") == expected.at(path));
        const std::size_t slash = path.find('/');
        CHECK(node.at("folder") == (slash == std::string::npos ? "" : path.substr(0, slash)));
      }
      // Every link among them, also between two notes of the last ring.
      CHECK(graph.edges == among(all, expected_paths));
    }
  }
  // What the fixture's notes say: BERT links to Transformer (in), Transformer
  // to GPT (out); 每周计划 links to 待读论文, which links to Transformer.
  const std::map<std::string, int> two = within(all, kTransformer, 2);
  CHECK(two.at("大模型LM/文献精读/BERT.md") == 1);
  CHECK(two.at("大模型LM/文献精读/GPT.md") == 1);
  CHECK(two.at("项目进展记录/每周计划.md") == 2);
  CHECK(within(all, kTransformer, 1).count("项目进展记录/每周计划.md") == 0);
  // Depth 1 is the default, as in Obsidian's local graph.
  CHECK(kbsearch({"graph", kTransformer, "--json"}, fx.kb).out.find("\"distance\":2") ==
        std::string::npos);
  CHECK(paths_of(graph_of(kbsearch({"graph", kTransformer, "--json"}, fx.kb))) ==
        paths_of(graph_of(kbsearch({"graph", kTransformer, "--depth", "1", "--json"}, fx.kb))));
}

TEST_CASE("graph --tag keeps the notes search's tag: finds, and walks only through them",
          "[cli][graph]") {
  IndexedKb fx;
  const std::set<std::string> tagged = search_paths(fx, "tag:LLM");
  REQUIRE(tagged.size() >= 3);
  REQUIRE(tagged.count(kTransformer) == 1);
  const Edges all = graph_of(kbsearch({"graph", "--json"}, fx.kb)).edges;
  const Edges tagged_edges = among(all, tagged);
  for (const Place& at : places(fx)) {
    INFO(at.cwd);
    const Graph graph =
        graph_of(kbsearch({"graph", at.note, "--depth", "3", "--tag", "llm", "--json"}, at.cwd));
    std::set<std::string> expected;
    for (const auto& [path, distance] : within(tagged_edges, kTransformer, 3)) {
      expected.insert(path);
    }
    CHECK(paths_of(graph) == expected);
    CHECK(graph.edges == among(all, expected));
  }
  // The whole graph by tag: the tagged notes linked to another tagged one.
  const Graph whole = graph_of(kbsearch({"graph", "--tag", "LLM", "--json"}, fx.kb));
  std::set<std::string> linked;
  for (const auto& [from, to] : tagged_edges) linked.insert({from, to});
  CHECK(paths_of(whole) == linked);
  CHECK(whole.edges == tagged_edges);
  // A tag nobody has: nothing to draw.
  CHECK(kbsearch({"graph", "--tag", "no-such-tag", "--json"}, fx.kb).exit_code == 1);
}

TEST_CASE("graph --path keeps the notes under a folder", "[cli][graph]") {
  IndexedKb fx;
  const Edges all = graph_of(kbsearch({"graph", "--json"}, fx.kb)).edges;
  for (const std::string folder : {"大模型LM", "大模型LM/"}) {
    INFO(folder);
    const Graph graph = graph_of(
        kbsearch({"graph", kTransformer, "--depth", "3", "--path", folder, "--json"}, fx.kb));
    std::set<std::string> under;
    for (const auto& [from, to] : all) {
      for (const std::string& note : {from, to}) {
        if (note.rfind("大模型LM/", 0) == 0) under.insert(note);
      }
    }
    std::set<std::string> expected;
    for (const auto& [path, distance] : within(among(all, under), kTransformer, 3)) {
      expected.insert(path);
    }
    CHECK(expected.count("大模型LM/README.md") == 1);
    CHECK(paths_of(graph) == expected);
  }
  // A NOTE outside the folder is still drawn, at the centre.
  const Graph outside = graph_of(kbsearch(
      {"graph", "混合/注意力机制笔记.md", "--path", "大模型LM", "--json"}, fx.kb));
  CHECK(outside.nodes.count("混合/注意力机制笔记.md") == 1);
  CHECK(outside.nodes.count(kTransformer) == 1);
  CHECK(outside.nodes.count("混合/待读论文.md") == 0);
}

TEST_CASE("graph --all also draws the notes without links", "[cli][graph]") {
  IndexedKb fx;
  kbtest::write_file(fx.kb / "孤立笔记" / "alone.md", "---\ntitle: 独自一人\n---\n没有链接。\n");
  for (const fs::path& cwd : {fx.kb, fx.kb / "孤立笔记"}) {
    INFO(cwd);
    const Graph linked = graph_of(kbsearch({"graph", "--json"}, cwd));
    CHECK(linked.nodes.count("孤立笔记/alone.md") == 0);
    const Graph all = graph_of(kbsearch({"graph", "--all", "--json"}, cwd));
    REQUIRE(all.nodes.count("孤立笔记/alone.md") == 1);
    CHECK(all.nodes.at("孤立笔记/alone.md").at("title") == "独自一人");
    CHECK(all.nodes.size() == kbtest::count_notes(fx.kb));
    CHECK(all.edges == linked.edges);
    // No centre, so no distances.
    CHECK(!all.nodes.at("孤立笔记/alone.md").contains("distance"));
  }
  const Run svg = kbsearch({"graph", "--all", "--format", "svg"}, fx.kb);
  CHECK(svg.out.find(">独自一人</text>") != std::string::npos);
}

TEST_CASE("graph --json prints a node line a note and an edge line a link", "[cli][graph]") {
  IndexedKb fx;
  const Run run = kbsearch({"graph", kTransformer, "--json"}, fx.kb);
  REQUIRE(run.exit_code == 0);
  const std::vector<std::string> lines = printed_lines(run.out);
  const std::vector<nlohmann::json> nodes = data_of(run.out, "node");
  const std::vector<nlohmann::json> edges = data_of(run.out, "edge");
  REQUIRE(!nodes.empty());
  const nlohmann::json summary = data_of(run.out, "summary").at(0);
  CHECK(summary.at("notes") == nodes.size());
  CHECK(summary.at("edges") == edges.size());
  CHECK(lines.size() == nodes.size() + edges.size() + 1);
  for (const nlohmann::json& node : nodes) {
    CHECK(node.at("format_version") == 1);
    CHECK(node.at("path").is_string());
    CHECK(node.at("title").is_string());
    CHECK(node.at("folder").is_string());
  }
  for (const nlohmann::json& edge : edges) {
    CHECK(edge.at("format_version") == 1);
    CHECK(edge.at("source") != edge.at("target"));
  }
  // The centre.
  const Graph graph = graph_of(run);
  CHECK(graph.nodes.at(kTransformer).at("distance") == 0);
  CHECK(graph.nodes.at(kTransformer).at("title") == title_of(fx.kb / kTransformer));
}

TEST_CASE("graph --format dot labels notes by title and colours them by top folder",
          "[cli][graph]") {
  IndexedKb fx;
  const Run dot = kbsearch({"graph", kTransformer}, fx.kb);
  REQUIRE(dot.exit_code == 0);
  const std::string title = title_of(fx.kb / kTransformer);
  CHECK(dot.out.find("\"" + kTransformer + "\" [label=\"" + title + "\"") != std::string::npos);
  // One colour a folder: BERT and Transformer share theirs, 混合's differs.
  const auto colour = [&](const std::string& path) {
    const std::size_t at = dot.out.find("\"" + path + "\" [label=");
    REQUIRE(at != std::string::npos);
    const std::size_t fill = dot.out.find("fillcolor=\"", at);
    return dot.out.substr(fill + 11, 7);
  };
  CHECK(colour(kTransformer) == colour("大模型LM/文献精读/BERT.md"));
  CHECK(colour(kTransformer) != colour("混合/注意力机制笔记.md"));
  // The legend names each folder.
  CHECK(dot.out.find(">混合</td>") != std::string::npos);
  // Five folders, five colours: a folder whose colour another took gets a
  // free one (here posts/ and 大模型LM/ hash to the same).
  const Graph two = graph_of(kbsearch({"graph", kTransformer, "--depth", "2", "--json"}, fx.kb));
  const Run two_dot = kbsearch({"graph", kTransformer, "--depth", "2"}, fx.kb);
  std::map<std::string, std::string> colour_of_folder;
  std::set<std::string> colours;
  for (const auto& [path, node] : two.nodes) {
    const std::size_t at = two_dot.out.find("\"" + path + "\" [label=");
    REQUIRE(at != std::string::npos);
    const std::string fill = two_dot.out.substr(two_dot.out.find("fillcolor=\"", at) + 11, 7);
    const auto [known, added] = colour_of_folder.emplace(node.at("folder"), fill);
    CHECK(known->second == fill);
    if (added) colours.insert(fill);
  }
  CHECK(colour_of_folder.size() == 5);
  CHECK(colours.size() == colour_of_folder.size());
}

TEST_CASE("graph -o FILE writes the picture there and PNG never goes to a terminal",
          "[cli][graph]") {
  IndexedKb fx;
  const fs::path file = fx.dir.path() / "t.svg";
  const Run to_file = kbsearch({"graph", kTransformer, "--format", "svg", "-o", file.string()},
                               fx.kb);
  CHECK(to_file.exit_code == 0);
  CHECK(to_file.out.empty());
  const Run to_stdout = kbsearch({"graph", kTransformer, "--format", "svg"}, fx.kb);
  CHECK(kbtest::read_file(file) == to_stdout.out);
  // A file that cannot be made: an I/O error naming it.
  const std::string bad = (fx.dir.path() / "no-such-folder" / "g.png").string();
  const Run unwritable = kbsearch({"graph", "--format", "png", "-o", bad}, fx.kb);
  CHECK(unwritable.exit_code == 3);
  CHECK(unwritable.err.find(bad) != std::string::npos);

  // script(1) gives kbsearch a terminal as its stdout.
  const fs::path typescript = fx.dir.path() / "tty";
  const std::string command =
      "cd " + kbtest::shell_quote(fx.kb.string()) + " && " +
      kbtest::kbsearch_command({"graph", kTransformer, "--format", "png"}) + "; echo \"rc=$?\"";
  REQUIRE(std::system(("script -qec " + kbtest::shell_quote(command) + " /dev/null >" +
                       kbtest::shell_quote(typescript.string()) + " </dev/null")
                          .c_str()) == 0);
  const std::string tty = kbtest::read_file(typescript);
  CHECK(tty.find("PNG") != std::string::npos);
  CHECK(tty.find("-o FILE") != std::string::npos);
  CHECK(tty.find("rc=2") != std::string::npos);
  CHECK(tty.find("\x89PNG") == std::string::npos);
}

TEST_CASE("graph refuses options that do not go together", "[cli][graph]") {
  IndexedKb fx;
  // --depth needs a NOTE to count from; --all is for the whole graph.
  CHECK(kbsearch({"graph", "--depth", "2"}, fx.kb).exit_code == 2);
  CHECK(kbsearch({"graph", kTransformer, "--all"}, fx.kb).exit_code == 2);
  CHECK(kbsearch({"graph", kTransformer, "--depth", "-1"}, fx.kb).exit_code == 2);
  CHECK(kbsearch({"graph", "--format", "gif"}, fx.kb).exit_code == 2);
}

TEST_CASE("graph DOT and JSON keep a note's control characters out and give abs_path",
          "[cli][graph]") {
  kbtest::TempDir dir;
  const fs::path kb = dir.path() / "kb";
  // ESC (C0), CSI (C1, U+009B) and a byte that is not UTF-8 in a title.
  kbtest::write_file(kb / "a.md", "---\ntitle: \"A\\e[2J\\u009b31m\"\n---\n# a\n\n[[b]]\n");
  kbtest::write_file(kb / "b.md", "# B \xff\n\nback to [[a]]\n");
  REQUIRE(kbsearch({"index", "--kb", kb.string()}, dir.path()).exit_code == 0);
  const Run dot = kbsearch({"--kb", kb.string(), "graph"}, dir.path());
  REQUIRE(dot.exit_code == 0);
  CHECK(dot.out.find('\033') == std::string::npos);
  CHECK(dot.out.find("\xc2\x9b") == std::string::npos);
  CHECK(dot.out.find('\xff') == std::string::npos);
  CHECK(dot.out.find("[2J") != std::string::npos);  // the rest of the title stays
  const Run json = kbsearch({"--kb", kb.string(), "graph", "--json"}, dir.path());
  for (const nlohmann::json& node : data_of(json.out, "node")) {
    INFO(node.dump());
    const fs::path abs = node.at("abs_path").get<std::string>();
    CHECK(abs.is_absolute());
    CHECK(fs::is_regular_file(abs));
  }
  CHECK(data_of(json.out, "node").size() == 2);
}
