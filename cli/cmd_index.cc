// `kbsearch index`: build or refresh the index of a knowledge base.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.h"
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
};

int run_index(const GlobalOptions& global, const IndexOptionsCli& opt) {
  auto root = locate_kb(global.kb, /*for_indexing=*/true, run_settings(global).named_kbs);
  if (!root) return report_error(root.error());

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
  auto report = index->update();
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
  sub->callback([&global, &exit_code, opt] { exit_code = run_index(global, *opt); });
}

}  // namespace kbcli
