// `kbsearch watch`: keep the index up to date while notes change, until
// Ctrl-C or SIGTERM.
#include <chrono>
#include <ctime>
#include <iostream>
#include <set>
#include <string>

#include "commands.h"
#include "exit_codes.h"
#include "interrupts.h"
#include "kb/watcher.h"
#include "kb_location.h"
#include "run_settings.h"
#include "progress_bar.h"
#include "safe_text.h"

namespace kbcli {

namespace {

struct WatchOptionsCli {
  bool quiet = false;
};

// "a added, u updated, r removed" of `report`.
std::string changes_of(const kb::IndexReport& report) {
  return std::to_string(report.added) + " added, " + std::to_string(report.updated) +
         " updated, " + std::to_string(report.removed) + " removed";
}

// The local time of day, "HH:MM:SS", for lines of a long-running log.
std::string time_of_day() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  char text[16] = "";
  if (::localtime_r(&now, &local) != nullptr) {
    std::strftime(text, sizeof text, "%H:%M:%S", &local);
  }
  return text;
}

int run_watch(const GlobalOptions& global, const WatchOptionsCli& opt) {
  auto root = locate_kb(one_kb(global), /*for_indexing=*/true, run_settings(global).named_kbs);
  if (!root) return report_error(root.error());

  kb::WatchOptions options;
  // Read once, at the start: a config edited during the watch counts at
  // the next `kbsearch watch`.
  options.index.settings = run_settings(global);
  // A refresh before a query, or a `kbsearch index`, may be writing.
  options.index.lock_wait = std::chrono::seconds(10);
  catch_interrupts();
  options.index.stop_requested = [] { return interrupt_signal() != 0; };
  // Only the first update can be long enough for a bar.
  ProgressBar bar("indexing", !opt.quiet, std::chrono::seconds(1));
  bool first_update = true;
  options.index.on_progress = [&](const kb::IndexProgress& p) {
    if (first_update) bar.update(p);
  };
  // A problem file stays a problem while it is not fixed: each warning is
  // shown once per watch, not at every update after it.
  std::set<std::string> warned;
  options.index.on_diagnostic = [&](const kb::Diagnostic& d) {
    if (!warned.insert(d.to_string()).second) return;
    bar.clear();
    report_warning(d.to_string());
  };
  options.on_warning = [&](const kb::Status& s) {
    bar.clear();
    report_warning(s.to_string());
  };
  options.on_update = [&](const kb::IndexReport& report) {
    bar.clear();
    if (first_update) {
      first_update = false;
      if (!opt.quiet) {
        std::cerr << "kbsearch: watching " << safe_path(root->string()) << ": " << report.scanned
                  << " notes (" << changes_of(report) << "); Ctrl-C stops\n";
      }
      return;
    }
    if (opt.quiet || report.added + report.updated + report.removed == 0) return;
    std::cerr << "kbsearch: " << time_of_day() << " " << changes_of(report) << "\n";
  };
  const kb::Status status = kb::watch(*root, std::move(options));
  bar.clear();
  if (!status.ok()) return report_error(status);
  if (!opt.quiet) std::cerr << "kbsearch: stopped watching " << safe_path(root->string()) << "\n";
  return interrupt_signal() != 0 ? 128 + interrupt_signal() : kExitFound;
}

}  // namespace

void setup_watch(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<WatchOptionsCli>();
  CLI::App* sub = app.add_subcommand(
      "watch", "Keep the index up to date while notes change, until Ctrl-C "
               "(first brings it up to date, as `index` does)");
  sub->add_flag("-q,--quiet", opt->quiet, "Print nothing but warnings");
  sub->callback([&global, &exit_code, opt] { exit_code = run_watch(global, *opt); });
}

}  // namespace kbcli
