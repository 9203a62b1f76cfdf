// `kbsearch note PATH [--json]`: what the parser makes of one note.
#include <filesystem>
#include <string>

#include "commands.h"
#include "exit_codes.h"
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
};

int run_note(const GlobalOptions& global, const NoteOptionsCli& opt) {
  auto printer = make_printer(global, opt.json, "note");
  std::error_code ec;
  const fs::path file = fs::absolute(opt.path, ec);
  fs::path root;
  if (auto located = query_root(global)) {
    root = fs::absolute(*located, ec);
  }
  fs::path target = file;
  if (!fs::exists(file, ec) && !root.empty()) target = root / opt.path;
  if (!fs::is_regular_file(target, ec)) {
    return report_error(kb::Status::invalid_argument(opt.path, "no such note"));
  }
  fs::path relative = root.empty() ? fs::path() : target.lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") {
    root = target.parent_path();  // a file outside any knowledge base
    relative = target.filename();
  }
  // Inside an indexed knowledge base, read it as the index does.
  auto searcher = kb::Searcher::open(root);
  auto note = searcher ? searcher->read_note(relative.generic_string())
                       : kb::read_note(root, relative.generic_string());
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
  sub->callback([&global, &exit_code, opt] {
    exit_code = run_note(global, *opt);
  });
}

}  // namespace kbcli
