// `kbsearch blocks tag:NAME [QUERY...]`: the list items, paragraphs and
// headings a tag covers, newest note first.
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "kb/searcher.h"
#include "query_root.h"
#include "printer.h"
#include "template_fields.h"

namespace kbcli {

namespace {

struct BlocksOptions {
  std::vector<std::string> words;
  std::size_t limit = 0;  // 0: no limit
  bool json = false;
  bool no_collapse = false;
  std::string format;  // --format TEMPLATE; empty when not given
};

int run_blocks(const GlobalOptions& global, const BlocksOptions& opt) {
  std::optional<FormatTemplate> format;
  if (kb::Status bad = parse_format_option(opt.format, block_fields(), format); !bad.ok()) {
    return report_error(bad);
  }
  auto printer = make_printer(global, opt.json, "blocks");
  auto root = query_root(global);
  if (!root) return report_error(root.error());
  auto searcher = kb::Searcher::open(*root);
  if (!searcher) return report_error(searcher.error());
  std::string query;
  for (const std::string& word : opt.words) query += (query.empty() ? "" : " ") + word;
  kb::BlockOptions options;
  options.limit = opt.limit == 0 ? kb::SearchOptions::kNoLimit : opt.limit;
  options.collapse = !opt.no_collapse;
  auto results = searcher->blocks(query, options);
  if (!results) return report_error(results.error());
  if (format) {
    const PathDisplay paths = path_display(global, *root);
    for (const kb::BlockHit& block : results->blocks) {
      standard_output().write(format->render(block_values(block, paths)));
    }
    return results->total == 0 ? kExitNotFound : kExitFound;
  }
  printer->blocks(*results, query);
  return results->total == 0 ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_blocks(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<BlocksOptions>();
  CLI::App* sub = app.add_subcommand(
      "blocks",
      "The list items, paragraphs and headings a tag covers, newest note first: a tag on a "
      "bullet covers it and the bullets nested in it, a tag in a heading its section, a tag "
      "in a paragraph that paragraph (fixtures/spec/tags.md)");
  sub->add_option("query", opt->words,
                  "tag:NAME (required; also the tags below it), then words the block's own "
                  "text must have, as search reads them (OR, NOT, -word, \"phrase\", "
                  "prefix*); path:, date:, lang:, fm.KEY:VALUE and title: filter by the note")
      ->required();
  sub->add_option("-n,--limit", opt->limit, "Show at most N blocks; 0 for all (default: all)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  CLI::Option* json =
      sub->add_flag("--json", opt->json, "JSON Lines: one \"block\" per block, then a summary");
  add_format_option(*sub, opt->format, block_fields(), "each block")->excludes(json);
  sub->add_flag("--no-collapse", opt->no_collapse,
                "Show the blocks of each duplicate note (same text, or a repaired mojibake "
                "copy) too");
  sub->footer(
      "Examples:\n"
      "  kbsearch blocks tag:attention          every block tagged #attention\n"
      "  kbsearch blocks tag:LLM softmax        those tagged #LLM that say softmax\n"
      "  kbsearch blocks tag:LLM path:posts --json\n"
      "  kbsearch blocks tag:attention --format '{date}\\t{path}:{line}\\t{text}'\n");
  sub->callback([&global, &exit_code, opt] { exit_code = run_blocks(global, *opt); });
}

}  // namespace kbcli
