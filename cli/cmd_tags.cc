// `kbsearch tags [PREFIX]`: each tag with its number of notes.
#include "commands.h"
#include "exit_codes.h"
#include "kb_location.h"
#include "link_output.h"

namespace kbcli {

namespace {

struct TagsOptions {
  std::string prefix;
  bool tree = false;
  bool json = false;
};

int run_tags(const GlobalOptions& global, const TagsOptions& opt) {
  auto root = locate_kb(global.kb, /*for_indexing=*/false);
  if (!root) return report_error(root.error());
  auto graph = kb::LinkGraph::open(*root);
  if (!graph) return report_error(graph.error());
  auto tags = graph->tags(opt.prefix);
  if (!tags) return report_error(tags.error());
  print_tags(*tags, opt.tree, opt.json);
  return tags->empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_tags(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opt = std::make_shared<TagsOptions>();
  CLI::App* sub = app.add_subcommand(
      "tags", "Each tag (or each below PREFIX) with the number of notes that have it "
              "or a tag below it");
  sub->add_option("prefix", opt->prefix, "Only this tag and the tags below it");
  sub->add_flag("--tree", opt->tree, "Show the nesting, one level per indent");
  sub->add_flag("--json", opt->json, "JSON Lines: one \"tag\" per tag");
  sub->callback([&global, &exit_code, opt] { exit_code = run_tags(global, *opt); });
}

}  // namespace kbcli
