// Tests for kb/graph_render.h (graph_render.cc): DOT that Graphviz reads
// whatever the notes' names hold, and the SVG and PNG it lays out.
#include <catch2/catch.hpp>

#include <string>

#include "kb/graph_render.h"

namespace {

kb::NoteGraph two_notes(const std::string& title) {
  kb::NoteGraph graph;
  graph.centre = "a/x.md";
  graph.nodes = {{"a/x.md", title, "a", 0}, {"y \"q\".md", "y", "", 1}};
  graph.edges = {{"a/x.md", "y \"q\".md"}};
  return graph;
}

}  // namespace

TEST_CASE("render_graph quotes titles and paths so that Graphviz reads them as written") {
  // A quote would end the DOT string, a backslash start an escape ("\N" is
  // the node's name), a newline break the line.
  const kb::NoteGraph graph = two_notes("say \"hi\" \\N <b>&\nnext");
  auto dot = kb::render_graph(graph, kb::GraphFormat::kDot);
  REQUIRE(dot);
  CHECK(dot->find("[label=\"say \\\"hi\\\" \\\\N <b>& next\"") != std::string::npos);
  CHECK(dot->find("\"a/x.md\" -> \"y \\\"q\\\".md\";") != std::string::npos);
  auto svg = kb::render_graph(graph, kb::GraphFormat::kSvg);
  REQUIRE(svg);
  // Graphviz writes the label's characters as XML.
  CHECK(svg->find(">say &quot;hi&quot; \\N &lt;b&gt;&amp; next</text>") != std::string::npos);
  CHECK(svg->find("<title>y &quot;q&quot;.md</title>") != std::string::npos);
}

TEST_CASE("render_graph marks the centre and draws a legend of the folders") {
  auto dot = kb::render_graph(two_notes("x"), kb::GraphFormat::kDot);
  REQUIRE(dot);
  CHECK(dot->find("\"a/x.md\" [label=\"x\" fillcolor=\"#") != std::string::npos);
  const auto line_of = [&](const std::string& start) {
    const std::size_t at = dot->find("\n  " + start);
    REQUIRE(at != std::string::npos);
    return dot->substr(at + 1, dot->find('\n', at + 1) - at - 1);
  };
  CHECK(line_of("\"a/x.md\" [").find("penwidth") != std::string::npos);
  CHECK(line_of("\"y \\\"q\\\".md\" [").find("penwidth") == std::string::npos);
  // The root's notes are listed as "/".
  CHECK(dot->find(">a</td>") != std::string::npos);
  CHECK(dot->find(">/</td>") != std::string::npos);
}

TEST_CASE("render_graph makes a PNG, and an empty graph is a picture too") {
  auto png = kb::render_graph(two_notes("注意力"), kb::GraphFormat::kPng);
  REQUIRE(png);
  CHECK(png->substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  auto empty = kb::render_graph(kb::NoteGraph{}, kb::GraphFormat::kSvg);
  REQUIRE(empty);
  CHECK(empty->find("<svg") != std::string::npos);
}

TEST_CASE("render_graph lays a small graph out in layers and a large one by force") {
  auto small = kb::render_graph(two_notes("x"), kb::GraphFormat::kDot);
  REQUIRE(small);
  CHECK(small->find("layout=dot ") != std::string::npos);
  // A star of 100 notes: beyond what dot lays out in reasonable time.
  kb::NoteGraph star;
  star.centre = "hub.md";
  star.nodes.push_back({"hub.md", "hub", "", 0});
  for (int i = 0; i < 100; ++i) {
    const std::string path = "f/" + std::to_string(i) + ".md";
    star.nodes.push_back({path, std::to_string(i), "f", 1});
    star.edges.emplace_back(path, "hub.md");
  }
  auto large = kb::render_graph(star, kb::GraphFormat::kDot);
  REQUIRE(large);
  CHECK(large->find("layout=sfdp ") != std::string::npos);
  auto svg = kb::render_graph(star, kb::GraphFormat::kSvg);
  REQUIRE(svg);
  CHECK(svg->find(">99</text>") != std::string::npos);
}
