#include "generate.h"

#include <functional>
#include <map>
#include <string>

#include "command_model.h"
#include "completion_scripts.h"
#include "man_commands.h"
#include "output_sink.h"

namespace kbcli {

namespace {

using Generator = std::function<std::string(const CommandModel&)>;

const std::map<std::string, Generator>& generators() {
  static const std::map<std::string, Generator> kGenerators = {
      {"complete-bash", bash_completion},
      {"complete-zsh", zsh_completion},
      {"complete-fish", fish_completion},
      {"man-commands", man_commands},
  };
  return kGenerators;
}

}  // namespace

void add_generate_option(CLI::App& app) {
  std::vector<std::string> kinds;
  for (const auto& [kind, generator] : generators()) kinds.push_back(kind);
  app.add_option_function<std::string>(
         "--generate",
         [&app](const std::string& kind) {
           standard_output().write(generators().at(kind)(command_model(app)));
           throw CLI::Success();
         },
         "Print a shell completion script (complete-bash, complete-zsh, complete-fish) or "
         "the subcommands' part of the man page (man-commands), and exit")
      ->type_name("KIND")
      ->check(CLI::IsMember(kinds))
      ->trigger_on_parse();
}

}  // namespace kbcli
