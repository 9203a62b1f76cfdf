#include "kb/graph_render.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "graph/graphviz_functions.h"
#include "text/html_escape.h"
#include "text/utf8.h"

namespace kb {

namespace {

constexpr const char* kFont = "Noto Sans CJK SC";
// ColorBrewer's Set3 but its grey: light enough for black text.
constexpr std::array<const char*, 11> kPalette = {
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
    "#b3de69", "#fccde5", "#bc80bd", "#ccebc5", "#ffed6f"};
constexpr const char* kRootColour = "#eeeeee";
// The largest graph laid out in layers by "dot"; a larger one goes to
// "sfdp", force-directed like Obsidian's graph view. dot's crossing
// reduction grows far faster than sfdp: on zh-notes a 164-note, 911-link
// neighbourhood took over 200 s with dot, 1 s with sfdp.
constexpr std::size_t kLayeredMaxNodes = 60;
constexpr std::size_t kLayeredMaxEdges = 120;
// Legend cells a row, so that many folders make a block, not a long line.
constexpr std::size_t kLegendColumns = 6;

// `text` with what no label means made harmless, since DOT output goes to
// terminals too and labels come from notes: bytes that are not UTF-8
// become U+FFFD, control characters (C0, DEL, C1) spaces.
std::string printable(std::string_view text) {
  const std::string valid = utf8::replace_invalid(text, nullptr);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size();) {
    const char32_t c = utf8::next(valid, i);
    utf8::append(out, c < 0x20 || (c >= 0x7f && c <= 0x9f) ? U' ' : c);
  }
  return out;
}

// `text` as a DOT quoted string, printable(). Graphviz reads backslash
// sequences in labels ("\n", "\N"), so a backslash is doubled.
std::string dot_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : printable(text)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// `text` escaped for a Graphviz HTML-like label, printable().
std::string html_escaped(std::string_view text) { return escape_html(printable(text)); }

using FolderColours = std::map<std::string, std::string>;

// The fill colour of each top folder of `graph`. A folder's colour comes
// from a hash of its name, so it keeps its colour from one drawing to the
// next; when that colour is taken in this drawing, the next free one of the
// palette (folders in name order), so that the legend tells them apart
// while the palette lasts.
FolderColours colours_of(const NoteGraph& graph) {
  std::set<std::string> folders;
  for (const GraphNode& node : graph.nodes) folders.insert(node.folder);
  FolderColours colours;
  std::array<bool, kPalette.size()> taken{};
  std::size_t free = kPalette.size();
  for (const std::string& folder : folders) {
    if (folder.empty()) {
      colours[folder] = kRootColour;
      continue;
    }
    // FNV-1a: fixed by the name alone, unlike std::hash.
    std::uint32_t hash = 2166136261u;
    for (char c : folder) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 16777619u;
    }
    std::size_t slot = hash % kPalette.size();
    for (std::size_t tries = 0; free > 0 && taken[slot] && tries < kPalette.size(); ++tries) {
      slot = (slot + 1) % kPalette.size();
    }
    if (!taken[slot]) --free;
    taken[slot] = true;
    colours[folder] = kPalette[slot];
  }
  return colours;
}

// The graph label: a table of the folders shown, each in its colour.
std::string legend(const FolderColours& colours) {
  if (colours.empty()) return "";
  std::string table = "<<table border=\"0\" cellspacing=\"4\" cellpadding=\"3\"><tr>";
  std::size_t cell = 0;
  for (const auto& [folder, colour] : colours) {
    if (cell > 0 && cell % kLegendColumns == 0) table += "</tr><tr>";
    table += "<td bgcolor=\"" + colour + "\">" + html_escaped(folder.empty() ? "/" : folder) +
             "</td>";
    ++cell;
  }
  return table + "</tr></table>>";
}

const char* engine_of(const NoteGraph& graph) {
  return graph.nodes.size() <= kLayeredMaxNodes && graph.edges.size() <= kLayeredMaxEdges
             ? "dot"
             : "sfdp";
}

// The DOT text; its `layout` names the engine, so that Graphviz's own tools
// draw it as render_graph() does.
std::string dot_of(const NoteGraph& graph) {
  std::string out = "digraph kb {\n";
  const std::string engine = engine_of(graph);
  out += "  graph [layout=" + engine + " fontname=" + dot_quoted(kFont) + " labelloc=b";
  // dot: links left to right; sfdp: boxes kept apart, drawn over the links.
  out += engine == "dot" ? " rankdir=LR" : " overlap=prism outputorder=edgesfirst";
  const FolderColours colours = colours_of(graph);
  const std::string key = legend(colours);
  if (!key.empty()) out += " label=" + key;
  out += "];\n";
  out += "  node [fontname=" + dot_quoted(kFont) +
         " shape=box style=\"rounded,filled\" fontsize=11];\n";
  out += "  edge [color=\"#555555\" arrowsize=0.6];\n";
  for (const GraphNode& node : graph.nodes) {
    out += "  " + dot_quoted(node.path) + " [label=" + dot_quoted(node.title) +
           " fillcolor=\"" + colours.at(node.folder) + "\"";
    if (node.path == graph.centre) out += " penwidth=2.5";
    out += "];\n";
  }
  for (const auto& [from, to] : graph.edges) {
    out += "  " + dot_quoted(from) + " -> " + dot_quoted(to) + ";\n";
  }
  return out + "}\n";
}

// Graphviz's error messages of the current render_graph() call.
std::string& graphviz_errors() {
  static std::string errors;
  return errors;
}

int collect_error(char* message) {
  graphviz_errors() += message;
  return 0;
}

std::string graphviz_message() {
  std::string message = graphviz_errors();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message.empty() ? "Graphviz failed without a message" : message;
}

// Lays `dot` out and renders it as `format` ("svg", "png:cairo"). Callers
// hold the render lock.
Result<std::string> laid_out(const std::string& dot, const char* engine, const char* format) {
  const Result<GraphvizFunctions>& functions = graphviz_functions();
  if (!functions) {
    return Status::internal("graph", "Graphviz cannot be loaded: " + functions.error().to_string());
  }
  const GraphvizFunctions& gv = *functions;
  static GVC_t* const gvc = gv.gvContext();  // loads the plugins once
  graphviz_errors().clear();
  gv.agseterr(AGERR);  // warnings (a font substituted) are not failures
  gv.agseterrf(collect_error);
  const std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(gv.agmemread(dot.c_str()), gv.agclose);
  if (!graph) return Status::internal("graph", "Graphviz cannot read the graph: " + graphviz_message());
  if (gv.gvLayout(gvc, graph.get(), engine) != 0) {
    return Status::internal("graph", "Graphviz layout failed: " + graphviz_message());
  }
  char* data = nullptr;
  unsigned int length = 0;
  const int rendered = gv.gvRenderData(gvc, graph.get(), format, &data, &length);
  std::string out = data != nullptr ? std::string(data, length) : std::string();
  gv.gvFreeRenderData(data);
  gv.gvFreeLayout(gvc, graph.get());
  if (rendered != 0 || out.empty()) {
    return Status::internal("graph", std::string("Graphviz cannot render ") + format + ": " +
                                         graphviz_message());
  }
  return out;
}

}  // namespace

Result<std::string> render_graph(const NoteGraph& graph, GraphFormat format) {
  const std::string dot = dot_of(graph);
  if (format == GraphFormat::kDot) return dot;
  static std::mutex render_lock;
  const std::lock_guard<std::mutex> hold(render_lock);
  return laid_out(dot, engine_of(graph), format == GraphFormat::kSvg ? "svg" : "png:cairo");
}

}  // namespace kb
