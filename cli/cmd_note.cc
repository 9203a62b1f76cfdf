// `kbsearch note PATH [--json]`: what the parser makes of one note.
#include <filesystem>
#include <iostream>
#include <string>

#include "commands.h"
#include "exit_codes.h"
#include "json_output.h"
#include "kb/note_parser.h"
#include "kb/searcher.h"
#include "kb_location.h"
#include "terminal.h"

namespace kbcli {

namespace fs = std::filesystem;

namespace {

struct NoteOptionsCli {
  std::string path;
  bool json = false;
};

void print_links(const char* heading, const std::vector<kb::Link>& links,
                 bool external, bool color) {
  bool any = false;
  for (const kb::Link& link : links) {
    if (link.external != external) continue;
    if (!any) std::cout << heading << "\n";
    any = true;
    std::cout << "  " << styled(std::to_string(link.line), Style::kLine, color)
              << "  " << kb::name_of(link.kind) << "  "
              << (link.target.empty() ? "(this note)" : link.target);
    if (!link.anchor.empty()) std::cout << " #" << link.anchor;
    if (!link.text.empty()) std::cout << "  \"" << link.text << "\"";
    std::cout << "\n";
  }
}

void print_note(const kb::Note& note, bool color) {
  std::cout << styled(note.title, Style::kTitle, color) << "\n"
            << "  path      " << styled(note.path, Style::kPath, color) << "\n";
  if (!note.date.empty()) std::cout << "  date      " << note.date << "\n";
  std::cout << "  encoding  " << note.encoding
            << (note.repaired.empty() ? "" : " (repaired: " + note.repaired + ")")
            << "\n";
  for (const std::string& alias : note.aliases) {
    std::cout << "  alias     " << alias << "\n";
  }
  if (!note.fields.empty()) {
    std::cout << "fields\n";
    for (const auto& [key, value] : note.fields) {
      std::cout << "  " << key << ": " << value << "\n";
    }
  }
  if (!note.headings.empty()) {
    std::cout << "headings\n";
    for (const kb::Heading& h : note.headings) {
      std::cout << "  " << styled(std::to_string(h.line), Style::kLine, color)
                << "  " << std::string(static_cast<std::size_t>(h.level), '#')
                << " " << h.text << "  #" << h.slug;
      if (h.docsify_slug != h.slug) std::cout << "  #" << h.docsify_slug;
      std::cout << "\n";
    }
  }
  if (!note.tags.empty()) {
    std::cout << "tags\n";
    for (const kb::Tag& tag : note.tags) {
      std::cout << "  " << styled(std::to_string(tag.line), Style::kLine, color)
                << "  #" << tag.name << "  (" << kb::name_of(tag.source)
                << ")\n";
    }
  }
  print_links("links", note.links, /*external=*/false, color);
  print_links("external links", note.links, /*external=*/true, color);
  if (!note.diagnostics.empty()) {
    std::cout << "warnings\n";
    for (const kb::Diagnostic& d : note.diagnostics) {
      std::cout << "  " << d.to_string() << "\n";
    }
  }
}

int run_note(const GlobalOptions& global, const NoteOptionsCli& opt) {
  std::error_code ec;
  const fs::path file = fs::absolute(opt.path, ec);
  fs::path root;
  if (auto located = locate_kb(global.kb, /*for_indexing=*/false)) {
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
  if (opt.json) {
    std::cout << note_json_line(*note) << "\n";
  } else {
    print_note(*note, use_color(global.color));
  }
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
  sub->add_flag("--json", opt->json, "Print one JSON object (see cli/README.md)");
  sub->callback([&global, &exit_code, opt] {
    exit_code = run_note(global, *opt);
  });
}

}  // namespace kbcli
