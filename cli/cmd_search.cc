// `kbsearch search QUERY...` (and the shorthand `kbsearch QUERY...`).
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kb/searcher.h"
#include "kb_location.h"
#include "terminal.h"

namespace kbcli {

namespace {

struct SearchOptionsCli {
  std::vector<std::string> words;
  std::size_t limit = 20;
  std::size_t offset = 0;
};

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

void print_hit(const kb::Hit& hit, bool color) {
  std::cout << styled(hit.title, Style::kTitle, color) << "\n  "
            << styled(hit.path, Style::kPath, color) << ":"
            << styled(std::to_string(hit.line), Style::kLine, color);
  if (!hit.heading_path.empty()) {
    std::cout << "  "
              << styled("§ " + join(hit.heading_path, " › "), Style::kHeading,
                        color);
  }
  std::cout << "\n";
  if (!hit.snippet.text.empty()) {
    std::cout << "  " << render_snippet(hit.snippet, color) << "\n";
  }
}

int run_search(const GlobalOptions& global, const SearchOptionsCli& opt) {
  auto root = locate_kb(global.kb, /*for_indexing=*/false);
  if (!root) return report_error(root.error());
  auto searcher = kb::Searcher::open(*root);
  if (!searcher) return report_error(searcher.error());

  kb::SearchOptions options;
  options.limit = opt.limit;
  options.offset = opt.offset;
  auto results = searcher->search(join(opt.words, " "), options);
  if (!results) return report_error(results.error());

  const bool color = use_color(global.color);
  for (std::size_t i = 0; i < results->hits.size(); ++i) {
    if (i > 0) std::cout << "\n";
    print_hit(results->hits[i], color);
  }
  const std::size_t shown = opt.offset + results->hits.size();
  if (results->estimated_total > shown) {
    std::cout << "\n(" << results->hits.size() << " of "
              << (results->total_is_exact ? "" : "about ")
              << results->estimated_total << " notes; see more with --offset "
              << shown << ")\n";
  }
  return results->hits.empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_search(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<SearchOptionsCli>();
  CLI::App* sub = app.add_subcommand(
      "search", "Search the notes (also: kbsearch QUERY...)");
  sub->add_option("query", opt->words,
                  "Words to find; all must match. Chinese matches as a "
                  "substring. Also: OR, NOT, -word, \"phrase\", prefix*, "
                  "title:, heading:, path:")
      ->required();
  sub->add_option("-n,--limit", opt->limit, "Show at most N notes")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--offset", opt->offset, "Skip the N best notes first")
      ->capture_default_str();
  sub->callback([&global, &exit_code, opt] {
    exit_code = run_search(global, *opt);
  });
}

}  // namespace kbcli
