#include "query_root.h"

#include <iostream>

#include "exit_codes.h"
#include "index_start.h"
#include "kb/index.h"
#include "kb_location.h"
#include "progress_bar.h"
#include "run_settings.h"

namespace kbcli {
namespace fs = std::filesystem;

void refresh_index(const fs::path& root, const kb::Settings& settings) {
  std::size_t warnings = 0;
  kb::IndexOptions options;
  options.settings = settings;
  // A first build or thousands of changed notes show their progress, once
  // they have taken a second; a quick refresh stays silent.
  ProgressBar bar("refreshing the index", true, std::chrono::seconds(1));
  options.on_progress = [&bar](const kb::IndexProgress& p) { bar.update(p); };
  // Unchanged problem files (a broken link) would warn on every query:
  // count them, and point at `kbsearch index` only when something changed.
  options.on_diagnostic = [&warnings](const kb::Diagnostic&) { ++warnings; };
  auto index = kb::Index::open(root, std::move(options));
  if (index) say_how_index_starts(*index, root);
  kb::Result<kb::IndexReport> report =
      index ? index->update() : kb::Result<kb::IndexReport>(index.error());
  bar.clear();
  if (!report) {
    report_warning("index not refreshed, searching it as it is: " + report.error().to_string());
    return;
  }
  const std::size_t changed = report->added + report->updated + report->removed;
  if (changed > 0 && warnings > 0) {
    std::cerr << "kbsearch: warning: " << warnings
              << " problem(s) while refreshing the index; `kbsearch index` lists them\n";
  }
}

kb::Result<fs::path> query_root(const GlobalOptions& global) {
  const kb::Settings& settings = run_settings(global);
  auto root = locate_kb(one_kb(global), /*for_indexing=*/false, settings.named_kbs);
  if (root && !global.no_refresh) refresh_index(*root, settings);
  return root;
}

}  // namespace kbcli
