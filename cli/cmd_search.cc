// `kbsearch search QUERY...` (and the shorthand `kbsearch QUERY...`).
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kb/searcher.h"
#include "query_root.h"
#include "printer.h"

namespace kbcli {

namespace {

struct SearchOptionsCli {
  std::vector<std::string> words;
  std::size_t limit = 20;
  std::size_t offset = 0;
  std::string sort = "relevance";
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

int run_search(const GlobalOptions& global, const SearchOptionsCli& opt) {
  auto printer = make_printer(global, opt.json, "search");
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto searcher = kb::Searcher::open(*root);
  if (!searcher) return report_error(searcher.error());

  kb::SearchOptions options;
  options.limit = opt.count ? 0 : opt.limit;
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
  sub->add_option("-n,--limit", opt->limit, "Show at most N notes")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--offset", opt->offset, "Skip the first N notes")
      ->capture_default_str();
  sub->add_option("--sort", opt->sort, "relevance, date (newest first), path or title")
      ->capture_default_str()
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
