// `kbsearch search QUERY...` (and the shorthand `kbsearch QUERY...`).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kb/searcher.h"
#include "query_root.h"
#include "run_settings.h"
#include "printer.h"
#include "terminal.h"

namespace kbcli {

namespace {

struct SearchOptionsCli {
  std::vector<std::string> words;
  // Given with --limit (0: no limit); else a page on a terminal, all hits
  // for a program, as ripgrep and git print everything to a pipe.
  std::optional<std::size_t> limit;
  std::size_t offset = 0;
  std::string sort;  // empty: [search] sort of the config, else relevance
  bool json = false;
  bool files = false;
  bool null = false;
  bool vimgrep = false;
  bool count = false;
  bool no_collapse = false;
};

const std::map<std::string, kb::SearchOptions::Sort>& sorts() {
  static const std::map<std::string, kb::SearchOptions::Sort> kSorts = {
      {"relevance", kb::SearchOptions::Sort::kRelevance},
      {"date", kb::SearchOptions::Sort::kDate},
      {"path", kb::SearchOptions::Sort::kPath},
      {"title", kb::SearchOptions::Sort::kTitle}};
  return kSorts;
}

constexpr std::size_t kTerminalPage = 20;

// [search] limit of the config is the page a terminal shows: a program
// reading a pipe still gets every hit unless --limit says otherwise, so
// that a setting for reading never truncates a script's input.
std::size_t hits_to_show(const SearchOptionsCli& opt, const kb::Settings& settings) {
  constexpr std::size_t kAll = kb::SearchOptions::kNoLimit;
  if (opt.limit) return *opt.limit == 0 ? kAll : *opt.limit;
  const bool text_view = !opt.json && !opt.files && !opt.null && !opt.vimgrep;
  if (!text_view || !stdout_is_terminal()) return kAll;
  const std::optional<std::size_t> page = settings.search_limit.value;
  return !page ? kTerminalPage : *page == 0 ? kAll : *page;
}

int run_search(const GlobalOptions& global, SearchOptionsCli opt) {
  const kb::Settings& settings = run_settings(global);
  if (opt.sort.empty()) opt.sort = settings.search_sort.value;
  auto printer = make_printer(global, opt.json, "search");
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto searcher = kb::Searcher::open(*root);
  if (!searcher) return report_error(searcher.error());

  kb::SearchOptions options;
  options.limit = opt.count ? 0 : hits_to_show(opt, settings);
  options.offset = opt.offset;
  options.sort = sorts().at(opt.sort);
  options.columns = opt.vimgrep;
  options.exact_total = opt.count;
  options.collapse = !opt.no_collapse;
  std::string query;
  for (const std::string& word : opt.words) query += (query.empty() ? "" : " ") + word;

  const auto start = std::chrono::steady_clock::now();
  auto results = searcher->search(query, options);
  if (!results) return report_error(results.error());
  const double elapsed_ms = std::chrono::duration<double, std::milli>(
                                std::chrono::steady_clock::now() - start)
                                .count();
  const HitView view = opt.null      ? HitView::kNulPaths
                       : opt.files   ? HitView::kPaths
                       : opt.vimgrep ? HitView::kVimgrep
                       : opt.count   ? HitView::kCount
                                     : HitView::kBlocks;
  printer->search_results(*results, SearchEcho{query, options, opt.sort.c_str(), elapsed_ms},
                          view);
  return results->estimated_total == 0 ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_search(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<SearchOptionsCli>();
  CLI::App* sub = app.add_subcommand(
      "search", "Search the notes (also: kbsearch QUERY...)");
  sub->add_option("query", opt->words,
                  "Words to find; all must match. Chinese matches as a "
                  "substring. Also: OR, NOT, -word, \"phrase\", prefix*, "
                  "title:, heading:, path:, tag:, lang:zh|en, date:A..B, fm.KEY:VALUE")
      ->required();
  sub->add_option("-n,--limit", opt->limit,
                  "Show at most N notes; 0 for all (default: 20 on a terminal, or [search] limit "
                  "of the config; else all)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--offset", opt->offset, "Skip the first N notes")
      ->capture_default_str();
  sub->add_option("--sort", opt->sort,
                  "relevance, date (newest first), path or title (default: [search] sort of "
                  "the config, else relevance)")
      ->check(CLI::IsMember({"relevance", "date", "path", "title"}));
  CLI::Option* json = sub->add_flag("--json", opt->json,
                                    "JSON Lines: a hit per note, then a summary");
  CLI::Option* files = sub->add_flag("-l,--files", opt->files,
                                     "Only the paths, one per line");
  CLI::Option* null = sub->add_flag("-0,--null", opt->null,
                                    "Only the paths, each followed by NUL");
  CLI::Option* vimgrep = sub->add_flag("--vimgrep", opt->vimgrep,
                                       "path:line:column:text, one per note");
  CLI::Option* count = sub->add_flag("-c,--count", opt->count,
                                     "Only the number of matching notes");
  sub->add_flag("--no-collapse", opt->no_collapse,
                "Show each duplicate note (same text, or a repaired mojibake copy) "
                "as its own hit; counts then count them too");
  json->excludes(files, null, vimgrep, count);
  vimgrep->excludes(files, null, count);
  count->excludes(files, null);
  sub->callback([&global, &exit_code, opt] {
    exit_code = run_search(global, *opt);
  });
}

}  // namespace kbcli
