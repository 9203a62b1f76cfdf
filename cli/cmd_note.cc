// `kbsearch note PATH [--json]`: what the parser makes of one note.
#include <filesystem>
#include <string>

#include "commands.h"
#include "display_path.h"
#include "exit_codes.h"
#include "kb/link_graph.h"
#include "kb/note_parser.h"
#include "kb/searcher.h"
#include "query_root.h"
#include "printer.h"

namespace kbcli {

namespace fs = std::filesystem;

namespace {

struct NoteOptionsCli {
  std::string path;
  bool json = false;
  bool html = false;
};

int run_note(const GlobalOptions& global, const NoteOptionsCli& opt) {
  auto printer = make_printer(global, opt.json, "note");
  std::error_code ec;
  fs::path root;
  if (auto located = query_root(global)) root = *located;
  // From the current folder first, then from the root.
  std::string relative = root.empty() ? "" : path_in_kb(root, opt.path);
  if (relative.empty() && !root.empty()) relative = path_in_kb(root, root / opt.path);
  const fs::path file = fs::absolute(opt.path, ec).lexically_normal();
  if (relative.empty() && !fs::is_regular_file(file, ec)) {
    return report_error(kb::Status::invalid_argument(opt.path, "no such note"));
  }
  if (relative.empty()) {
    root = file.parent_path();  // a file outside any knowledge base
    relative = file.filename().string();
    // Its path is from its own folder, not from the knowledge base around.
    printer = make_printer(global, opt.json, "note", root);
  }
  if (opt.html) {
    // Links resolve against the index: a note outside one has none.
    auto graph = kb::LinkGraph::open(root);
    if (!graph) return report_error(graph.error());
    auto html = graph->note_html(relative);
    if (!html) return report_error(html.error());
    printer->note_html(relative, *html);
    return kExitFound;
  }
  // Inside an indexed knowledge base, read it as the index does; a file the
  // index does not hold (ignored, hidden) is shown as the parser reads it.
  auto searcher = kb::Searcher::open(root);
  auto note = searcher ? searcher->read_note(relative) : kb::read_note(root, relative);
  if (!note && note.error().code() == kb::Code::kNotFound && searcher) {
    note = kb::read_note(root, relative);
  }
  if (!note) return report_error(note.error());
  printer->note(*note);
  return kExitFound;
}

}  // namespace

void setup_note(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<NoteOptionsCli>();
  CLI::App* sub = app.add_subcommand(
      "note", "Show what kbsearch reads in one note: title, fields, "
              "headings, tags, links, encoding and warnings");
  sub->add_option("path", opt->path,
                  "The note: a path relative to the current folder or to "
                  "the knowledge base root")
      ->required();
  sub->add_flag("--json", opt->json, "JSON Lines: the \"note\", then a \"summary\"");
  sub->add_flag("--html", opt->html,
                "The note's body as HTML, its links resolved (as `kbsearch serve` shows it); "
                "with --json, an \"html\" line");
  sub->callback([&global, &exit_code, opt] {
    exit_code = run_note(global, *opt);
  });
}

}  // namespace kbcli
