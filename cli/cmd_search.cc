// `kbsearch search QUERY...` (and the shorthand `kbsearch QUERY...`).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "format_template.h"
#include "kb/searcher.h"
#include "query_shards.h"
#include "run_settings.h"
#include "printer.h"
#include "template_fields.h"
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
  // --max-count: matching lines per note for --vimgrep and --json; else all.
  std::optional<std::size_t> max_count;
  std::string format;  // --format TEMPLATE; empty when not given
  kb::QueryLimits limits;
};

// Each of kb::QueryLimits: the name a refused query's Status gives as its
// subject, the field, and what it counts. Its option is the name as a flag
// ("max_query_chars" is --max-query-chars).
struct QueryLimitOption {
  const char* subject;
  std::size_t kb::QueryLimits::*field;
  const char* counts;
};

constexpr QueryLimitOption kQueryLimitOptions[] = {
    {"max_query_chars", &kb::QueryLimits::max_chars, "Refuse a query longer than N characters"},
    {"max_query_terms", &kb::QueryLimits::max_terms,
     "Refuse a query of more than N terms (a word, a Chinese character, a prefix*)"},
    {"max_wildcard_expansion", &kb::QueryLimits::max_expansion,
     "Refuse a prefix* that stands for more than N indexed words"},
};

std::string flag_of(const QueryLimitOption& limit) {
  std::string flag = std::string("--") + limit.subject;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

// Reports a failed search; a query past a limit also says how to raise it.
int report_search_error(const kb::Status& status) {
  const int code = report_error(status);
  for (const QueryLimitOption& limit : kQueryLimitOptions) {
    if (status.subject() == limit.subject) {
      std::cerr << "kbsearch: narrow the query, or raise the limit with " << flag_of(limit)
                << " N (0: no limit)\n";
    }
  }
  return code;
}

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
  const bool text_view =
      !opt.json && !opt.files && !opt.null && !opt.vimgrep && opt.format.empty();
  if (!text_view || !stdout_is_terminal()) return kAll;
  const std::optional<std::size_t> page = settings.search_limit.value;
  return !page ? kTerminalPage : *page == 0 ? kAll : *page;
}

// How many matching lines of each note to read from its file: every one
// for --vimgrep (a machine format), --max-count's for --json, every one for
// a --format that prints {column}, else none.
std::size_t matching_lines(const SearchOptionsCli& opt,
                           const std::optional<FormatTemplate>& format) {
  if (opt.max_count && (opt.vimgrep || opt.json)) return *opt.max_count;
  if (opt.vimgrep || (format && format->uses("column"))) return kb::SearchOptions::kNoLimit;
  return 0;
}

int run_search(const GlobalOptions& global, SearchOptionsCli opt) {
  if (opt.max_count && !opt.vimgrep && !opt.json) {
    return report_error(kb::Status::invalid_argument("--max-count", "needs --vimgrep or --json"));
  }
  std::optional<FormatTemplate> format;
  if (kb::Status bad = parse_format_option(opt.format, hit_fields(), format); !bad.ok()) {
    return report_error(bad);
  }
  const kb::Settings& settings = run_settings(global);
  if (opt.sort.empty()) opt.sort = settings.search_sort.value;
  auto target = query_target(global);
  if (!target) return report_error(target.error());
  auto searcher = open_searcher(*target);
  if (!searcher) return report_error(searcher.error());
  auto printer = make_printer(global, opt.json, "search", *target);

  kb::SearchOptions options;
  options.limit = opt.count ? 0 : hits_to_show(opt, settings);
  options.offset = opt.offset;
  options.sort = sorts().at(opt.sort);
  options.matching_lines = matching_lines(opt, format);
  options.exact_total = opt.count;
  options.collapse = !opt.no_collapse;
  options.limits = opt.limits;
  // A list of paths needs no record or snippet of each hit.
  if (opt.files || opt.null) options.detail = kb::SearchOptions::Detail::kPaths;
  std::string query;
  for (const std::string& word : opt.words) query += (query.empty() ? "" : " ") + word;

  const auto start = std::chrono::steady_clock::now();
  auto results = searcher->search(query, options);
  if (!results) return report_search_error(results.error());
  for (const std::string& warning : results->warnings) {
    report_warning(warning);
  }
  const double elapsed_ms = std::chrono::duration<double, std::milli>(
                                std::chrono::steady_clock::now() - start)
                                .count();
  const int found = results->estimated_total == 0 ? kExitNotFound : kExitFound;
  if (format) {
    for (const kb::Hit& hit : results->hits) {
      standard_output().write(format->render(hit_values(
          hit, target->shards ? PathDisplay() : path_display(global, target->root))));
    }
    return report_unavailable(searcher->unavailable_shards(), found);
  }
  const HitView view = opt.null      ? HitView::kNulPaths
                       : opt.files   ? HitView::kPaths
                       : opt.vimgrep ? HitView::kVimgrep
                       : opt.count   ? HitView::kCount
                                     : HitView::kBlocks;
  printer->search_results(*results,
                          SearchEcho{query, options, opt.sort.c_str(), elapsed_ms,
                                     searcher->unavailable_shards()},
                          view);
  return report_unavailable(searcher->unavailable_shards(), found);
}

}  // namespace

void setup_search(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<SearchOptionsCli>();
  CLI::App* sub = app.add_subcommand(
      "search", "Search the notes (also: kbsearch QUERY...)");
  sub->add_option("query", opt->words,
                  "Words to find; all must match. Chinese matches as a "
                  "substring. Also: OR, NOT, -word, \"phrase\", prefix*, "
                  "title:, heading:, path:, tag:, lang:zh|en, date:A..B, date:7d, fm.KEY:VALUE "
                  "(kbsearch help query)")
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
                                     "Only the paths, one per line (a newline in a name as \\n)");
  CLI::Option* null = sub->add_flag("-0,--null", opt->null,
                                    "Only the paths, each followed by NUL, byte for byte");
  CLI::Option* vimgrep = sub->add_flag(
      "--vimgrep", opt->vimgrep,
      "path:line:column:text for each line that matches, as ripgrep --vimgrep; the column "
      "counts bytes of the file as stored (a GBK note's GBK bytes)");
  CLI::Option* max_count =
      sub->add_option("-m,--max-count", opt->max_count,
                      "With --vimgrep or --json: at most N matching lines of each note "
                      "(default: all with --vimgrep, none with --json)")
          ->type_name("N")
          ->check(CLI::PositiveNumber);
  CLI::Option* format = add_format_option(*sub, opt->format, hit_fields(), "each hit");
  CLI::Option* count = sub->add_flag("-c,--count", opt->count,
                                     "Only the number of matching notes");
  sub->add_flag("--no-collapse", opt->no_collapse,
                "Show each duplicate note (same text, or a repaired mojibake copy) "
                "as its own hit; counts then count them too");
  const kb::QueryLimits defaults;
  for (const QueryLimitOption& limit : kQueryLimitOptions) {
    sub->add_option(flag_of(limit), opt->limits.*limit.field,
                    std::string(limit.counts) + "; 0 for no limit (default: " +
                        std::to_string(defaults.*limit.field) + ")")
        ->type_name("N")
        ->check(CLI::NonNegativeNumber);
  }
  json->excludes(files, null, vimgrep, count, format);
  vimgrep->excludes(files, null, count, format);
  count->excludes(files, null, format);
  format->excludes(files, null);
  max_count->excludes(files, null, count, format);
  sub->callback([&global, &exit_code, opt] {
    exit_code = run_search(global, *opt);
  });
}

}  // namespace kbcli
