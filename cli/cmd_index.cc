// `kbsearch index`: build or refresh the index of a knowledge base.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "exit_codes.h"
#include "kb/index.h"
#include "kb_location.h"

namespace kbcli {

namespace {

struct IndexOptionsCli {
  bool quiet = false;
};

int run_index(const GlobalOptions& global, const IndexOptionsCli& opt) {
  auto root = locate_kb(global.kb, /*for_indexing=*/true);
  if (!root) return report_error(root.error());

  kb::IndexOptions options;
  options.on_diagnostic = [](const kb::Diagnostic& d) {
    std::cerr << "kbsearch: warning: " << d.to_string() << "\n";
  };
  const auto start = std::chrono::steady_clock::now();
  auto index = kb::Index::open(*root, std::move(options));
  if (!index) return report_error(index.error());
  auto report = index->update();
  if (!report) return report_error(report.error());
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  if (!opt.quiet) {
    std::printf(
        "indexed %s: %zu notes (%zu added, %zu updated, %zu removed, %zu "
        "unchanged, %zu unreadable) in %.2f s\n",
        root->string().c_str(), report->scanned, report->added,
        report->updated, report->removed, report->unchanged, report->failed,
        seconds);
  }
  return kExitFound;
}

}  // namespace

void setup_index(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<IndexOptionsCli>();
  CLI::App* sub = app.add_subcommand(
      "index", "Build or refresh the index in .kbsearch/ at the knowledge "
               "base root (only changed notes are read again)");
  sub->add_flag("-q,--quiet", opt->quiet, "Print nothing but warnings");
  sub->callback([&global, &exit_code, opt] {
    exit_code = run_index(global, *opt);
  });
}

}  // namespace kbcli
