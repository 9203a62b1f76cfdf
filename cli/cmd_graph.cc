// `kbsearch graph [NOTE] [--depth N] [--tag T] [--path P] [--all]
// [--format dot|json|svg|png] [-o FILE]`: the links between notes, around
// one note or of the whole knowledge base, as text or as a picture.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>

#include "commands.h"
#include "exit_codes.h"
#include "kb/graph_render.h"
#include "kb/link_graph.h"
#include "note_argument.h"
#include "output_sink.h"
#include "printer.h"
#include "query_root.h"
#include "terminal.h"

namespace kbcli {

namespace {

struct GraphOptions {
  std::string note;
  int depth = 1;
  kb::GraphFilter filter;
  std::string format = "dot";
  bool json = false;
  std::string output;  // a file; "" for stdout
};

// The neighbourhood of NOTE, else the whole graph.
kb::Result<kb::NoteGraph> select_graph(const kb::LinkGraph& links,
                                       const std::filesystem::path& root,
                                       const GraphOptions& opt) {
  if (opt.note.empty()) return links.whole_graph(opt.filter);
  auto path = resolve_note_argument(links, root, opt.note);
  if (!path) return path.error();
  return links.neighbourhood(*path, opt.depth, opt.filter);
}

// Writes `graph` as `opt` asks to `sink`.
kb::Status write_graph(const GlobalOptions& global, const GraphOptions& opt,
                       const kb::NoteGraph& graph, OutputSink& sink) {
  const bool json = opt.json || opt.format == "json";
  if (json || opt.format == "dot") {
    std::unique_ptr<Printer> printer =
        opt.output.empty() ? make_printer(global, json, "graph")
        : json             ? make_json_printer(sink, "graph")
                           : make_text_printer(sink, false);
    printer->note_graph(graph);
    return kb::Status::ok_status();
  }
  auto picture =
      kb::render_graph(graph, opt.format == "png" ? kb::GraphFormat::kPng : kb::GraphFormat::kSvg);
  if (!picture) return picture.error();
  sink.write(*picture);
  return kb::Status::ok_status();
}

int run_graph(const GlobalOptions& global, const GraphOptions& opt) {
  // As git does for a binary diff: bytes that would garble the terminal.
  if (opt.format == "png" && opt.output.empty() && stdout_is_terminal()) {
    std::cerr << "kbsearch: graph: not writing PNG to a terminal; redirect it "
                 "(> graph.png) or give -o FILE\n";
    return kExitUsage;
  }
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto links = kb::LinkGraph::open(*root);
  if (!links) return report_error(links.error());
  auto graph = select_graph(*links, *root, opt);
  if (!graph) return report_error(graph.error());

  std::FILE* file = stdout;
  if (!opt.output.empty()) {
    file = std::fopen(opt.output.c_str(), "wb");
    if (file == nullptr) {
      return report_error(kb::Status::io_error(opt.output, std::strerror(errno)));
    }
  }
  OutputSink file_sink(file);
  OutputSink& sink = opt.output.empty() ? standard_output() : file_sink;
  const kb::Status written = write_graph(global, opt, *graph, sink);
  if (!opt.output.empty()) {
    sink.flush();
    const int error = sink.error();
    if (std::fclose(file) != 0 && written.ok() && error == 0) {
      return report_error(kb::Status::io_error(opt.output, std::strerror(errno)));
    }
    if (error != 0) return report_error(kb::Status::io_error(opt.output, std::strerror(error)));
  }
  if (!written.ok()) return report_error(written);
  return graph->nodes.empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_graph(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<GraphOptions>();
  CLI::App* sub = app.add_subcommand(
      "graph", "The links between notes: around NOTE, or all of them; as DOT, JSON, SVG or PNG");
  CLI::Option* note = sub->add_option(
      "note", opt->note,
      "Draw only the notes within --depth links of this one (a path, file stem or title)");
  sub->add_option("--depth", opt->depth,
                  "With NOTE: how many links away, either way (1: the notes it links to and "
                  "those linking to it, as Obsidian's local graph)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str()
      ->needs(note);
  sub->add_option("--tag", opt->filter.tag,
                  "Only notes with this tag or one below it, as search's tag:");
  sub->add_option("--path", opt->filter.folder,
                  "Only notes under this folder (from the root), as search's path:");
  sub->add_flag("--all", opt->filter.unlinked, "Without NOTE: also the notes with no links")
      ->excludes(note);
  CLI::Option* format =
      sub->add_option("--format", opt->format,
                      "dot (Graphviz text), json (JSON Lines: a node a note, an edge a link), "
                      "svg or png (laid out by Graphviz; PNG needs -o or a redirect)")
          ->check(CLI::IsMember({"dot", "json", "svg", "png"}))
          ->capture_default_str();
  sub->add_flag("--json", opt->json, "Same as --format json")->excludes(format);
  sub->add_option("-o,--output", opt->output, "Write to FILE instead of standard output")
      ->type_name("FILE");
  sub->footer(
      "Examples:\n"
      "  kbsearch graph Transformer --depth 2 --format svg -o transformer.svg\n"
      "  kbsearch graph --tag LLM --format png > llm.png\n"
      "  kbsearch graph --path 大模型LM --all > lm.dot\n"
      "Boxes are labelled by title and coloured by top folder (legend below the picture);\n"
      "fonts: Noto Sans CJK SC (Debian fonts-noto-cjk).");
  sub->callback([&global, &exit_code, opt] { exit_code = run_graph(global, *opt); });
}

}  // namespace kbcli
