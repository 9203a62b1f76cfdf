// `kbsearch tags [PREFIX]`: each tag with its number of notes.
#include <algorithm>

#include "commands.h"
#include "exit_codes.h"
#include "query_shards.h"
#include "printer.h"

namespace kbcli {

namespace {

struct TagsOptions {
  std::string prefix;
  bool tree = false;
  bool json = false;
};

// Tags in tree order: by their '/'-separated parts, so that "a/b" follows
// "a" before "a-c" does.
std::vector<kb::TagCount> in_tree_order(std::vector<kb::TagCount> tags) {
  const auto parts = [](const std::string& name) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (std::size_t slash; (slash = name.find('/', pos)) != std::string::npos; pos = slash + 1) {
      out.push_back(name.substr(pos, slash - pos));
    }
    out.push_back(name.substr(pos));
    return out;
  };
  std::stable_sort(tags.begin(), tags.end(), [&](const kb::TagCount& a, const kb::TagCount& b) {
    return parts(a.name) < parts(b.name);
  });
  return tags;
}

int run_tags(const GlobalOptions& global, const TagsOptions& opt) {
  auto target = query_target(global);
  if (!target) return report_error(target.error());
  auto printer = make_printer(global, opt.json, "tags", *target);
  auto graph = open_graph(*target);
  if (!graph) return report_error(graph.error());
  auto tags = graph->tags(opt.prefix);
  if (!tags) return report_error(tags.error());
  if (opt.tree) *tags = in_tree_order(std::move(*tags));
  printer->tags(*tags, opt.tree ? TagView::kTree : TagView::kFlat);
  return report_unavailable(graph->unavailable_shards(),
                            tags->empty() ? kExitNotFound : kExitFound);
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
