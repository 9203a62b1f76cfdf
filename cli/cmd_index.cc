// `kbsearch index`: build or refresh the index of a knowledge base.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "display_path.h"
#include "index_start.h"
#include "interrupts.h"
#include "progress_bar.h"
#include "exit_codes.h"
#include "kb/index.h"
#include "kb_location.h"
#include "output_sink.h"
#include "run_settings.h"

namespace kbcli {

namespace {

struct IndexOptionsCli {
  bool quiet = false;
  bool rebuild = false;
  std::vector<std::string> paths;  // as typed: from the current folder
};

// The scope of Index::update() that `paths` name, from the root; a path
// outside the knowledge base is a usage error naming it.
kb::Result<std::vector<std::string>> scope_of(const std::filesystem::path& root,
                                              const std::vector<std::string>& paths) {
  std::vector<std::string> scope;
  for (const std::string& path : paths) {
    std::optional<std::string> in_kb = kb_path_of(root, path);
    if (!in_kb) {
      return kb::Status::invalid_argument(path,
                                          "not inside the knowledge base at " + root.string());
    }
    scope.push_back(std::move(*in_kb));
  }
  return scope;
}

int run_index(const GlobalOptions& global, const IndexOptionsCli& opt) {
  auto root = locate_kb(one_kb(global), /*for_indexing=*/true, run_settings(global).named_kbs);
  if (!root) return report_error(root.error());
  auto scope = scope_of(*root, opt.paths);
  if (!scope) return report_error(scope.error());

  kb::IndexOptions options;
  options.rebuild = opt.rebuild;
  options.settings = run_settings(global);
  // Another `index` (or a refresh) may be about to finish.
  options.lock_wait = std::chrono::seconds(10);
  ProgressBar bar("indexing", !opt.quiet, std::chrono::milliseconds(0));
  catch_interrupts();
  options.stop_requested = [] { return interrupt_signal() != 0; };
  options.on_diagnostic = [&bar](const kb::Diagnostic& d) {
    bar.clear();
    report_warning(d.to_string());
  };
  options.on_progress = [&bar](const kb::IndexProgress& p) { bar.update(p); };
  const auto start = std::chrono::steady_clock::now();
  auto index = kb::Index::open(*root, std::move(options));
  if (!index) return report_error(index.error());
  // A first build and a rebuild are what was asked for; an upgrade's
  // rebuild is not, and takes as long.
  if (!opt.quiet && index->start() == kb::IndexStart::kOtherSchema) {
    say_how_index_starts(*index, *root);
  }
  auto report = index->update(*scope);
  bar.clear();  // the summary replaces it
  if (!report) return report_error(report.error());
  // A signal after the last note (or with nothing to read) stops nothing
  // more, but is still the user's answer.
  if (report->stopped || interrupt_signal() != 0) {
    std::cerr << "kbsearch: interrupted: what was indexed so far is kept; run `kbsearch index` "
                 "again to finish\n";
    return 128 + interrupt_signal();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!opt.quiet) {
    char in_seconds[32];
    std::snprintf(in_seconds, sizeof in_seconds, "%.2f", seconds);
    standard_output().write(
        "indexed " + root->string() + ": " + std::to_string(report->scanned) + " notes (" +
        std::to_string(report->added) + " added, " + std::to_string(report->updated) +
        " updated, " + std::to_string(report->removed) + " removed, " +
        std::to_string(report->unchanged) + " unchanged, " + std::to_string(report->failed) +
        " unreadable, " + std::to_string(report->diagnostics) + " warnings) in " + in_seconds +
        " s\n");
  }
  return kExitFound;
}

}  // namespace

void setup_index(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<IndexOptionsCli>();
  CLI::App* sub = app.add_subcommand("index",
                                     "Build or refresh the index in .kbsearch/ at the knowledge "
                                     "base root (only changed notes are read again)");
  sub->add_flag("-q,--quiet", opt->quiet, "Print nothing but warnings");
  sub->add_flag("--rebuild", opt->rebuild,
                "Build the index anew, replacing the old one (for an index that cannot be opened)");
  sub->add_option("path", opt->paths,
                  "Refresh only the notes at or below these files and folders (from the current "
                  "folder; a deleted note is dropped); the whole index is still built when there "
                  "is none yet")
      ->type_name("FILE");
  sub->callback([&global, &exit_code, opt] { exit_code = run_index(global, *opt); });
}

}  // namespace kbcli
