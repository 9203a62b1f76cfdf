// The topics of `kbsearch help TOPIC`: the query language, links, the
// config file and the JSON Lines contract, each with examples. They are
// kept here, in one place; tests/cli/help_test.cc checks that they agree
// with README.md and cli/README.md and that every example runs.
#ifndef KB_CLI_HELP_TOPICS_H_
#define KB_CLI_HELP_TOPICS_H_

#include <string_view>
#include <vector>

namespace kbcli {

struct HelpTopic {
  std::string_view name;     // what follows `kbsearch help`
  std::string_view summary;  // one line, for the list of topics
  std::string_view text;     // the whole topic, ending in a newline
};

// Every topic, in the order `kbsearch help` lists them.
const std::vector<HelpTopic>& help_topics();

}  // namespace kbcli

#endif  // KB_CLI_HELP_TOPICS_H_
