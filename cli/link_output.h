// Printing links, notes and tags for the link-graph subcommands, as text or
// as JSON Lines (schema in cli/README.md).
#ifndef KB_CLI_LINK_OUTPUT_H_
#define KB_CLI_LINK_OUTPUT_H_

#include <string>
#include <vector>

#include "kb/link_graph.h"

namespace kbcli {

enum class LinkView {
  kIncoming,  // backlinks: where the link is, and its line
  kOutgoing,  // links: what each link names and its status
  kProblems,  // broken: where, what was written, and what is wrong
};

void print_links(const std::vector<kb::ResolvedLink>& links, LinkView view,
                 bool json, bool color);
void print_note_paths(const std::vector<std::string>& paths, bool json);
void print_tags(const std::vector<kb::TagCount>& tags, bool tree, bool json);

}  // namespace kbcli

#endif  // KB_CLI_LINK_OUTPUT_H_
