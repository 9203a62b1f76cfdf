// `kbsearch help [TOPIC]`: the top-level help, a subcommand's help, or a
// topic of help_topics.h.
#include <iostream>
#include <string>

#include "commands.h"
#include "exit_codes.h"
#include "help_topics.h"
#include "output_sink.h"

namespace kbcli {

namespace {

// "query, links, config, json".
std::string topic_names() {
  std::string names;
  for (const HelpTopic& topic : help_topics()) {
    names += (names.empty() ? "" : ", ") + std::string(topic.name);
  }
  return names;
}

// The subcommands of `app` but help itself and the hidden ones, comma
// separated.
std::string subcommand_names(const CLI::App& app) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == "help" || sub->get_group().empty()) continue;
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  return names;
}

int run_help(const CLI::App& app, const std::string& topic) {
  OutputSink& out = standard_output();
  if (topic.empty()) {
    // Not app.help(): that shows the help of the subcommand being run.
    out.write(app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal));
    return kExitFound;
  }
  for (const HelpTopic& known : help_topics()) {
    if (known.name == topic) {
      out.write(known.text);
      return kExitFound;
    }
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == topic) {
      out.write(sub->help(app.get_name()));
      return kExitFound;
    }
  }
  std::cerr << "kbsearch: help: no topic or subcommand '" << topic << "'\n"
            << "kbsearch: topics: " << topic_names() << "\n"
            << "kbsearch: subcommands: " << subcommand_names(app) << "\n";
  return kExitUsage;
}

}  // namespace

void setup_help(CLI::App& app, int& exit_code) {
  auto topic = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "help", "Show help: kbsearch help [SUBCOMMAND | " + topic_names() + "]");
  sub->add_option("topic", *topic, "A subcommand, or a topic: " + topic_names());
  std::string footer = "Help topics (kbsearch help TOPIC):";
  for (const HelpTopic& known : help_topics()) {
    // Names padded to one column; a longer one gets a single space.
    const std::size_t pad = known.name.size() < 8 ? 8 - known.name.size() : 1;
    footer += "\n  " + std::string(known.name) + std::string(pad, ' ') + std::string(known.summary);
  }
  footer += "\n\nThe manual, with the query language and exit codes: man kbsearch";
  app.footer(footer);
  sub->callback([&app, &exit_code, topic] { exit_code = run_help(app, *topic); });
}

}  // namespace kbcli
