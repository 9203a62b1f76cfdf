#include "command_model.h"

#include <algorithm>
#include <cctype>

namespace kbcli {

namespace {

// The positionals that name a note: NOTE of backlinks, links, mentions,
// related and graph, PATH of note (not PATH of index, a FILE).
bool names_a_note(const std::string& positional) {
  return positional == "note" || positional == "path";
}

// CLI11's type name is "TEXT:{auto,always,never}" for an IsMember check:
// the name before the first ':', the choices between the braces.
void read_type_name(const std::string& full, OptionModel& option) {
  option.value_name = full.substr(0, full.find(':'));
  const std::size_t open = full.find(":{");
  const std::size_t close = full.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return;
  const std::string list = full.substr(open + 2, close - open - 2);
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    if (comma == std::string::npos) comma = list.size();
    if (comma > pos) option.choices.push_back(list.substr(pos, comma - pos));
    pos = comma + 1;
  }
}

OptionModel option_model(const CLI::Option& option) {
  OptionModel model;
  for (const std::string& name : option.get_snames()) model.names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) model.names.push_back("--" + name);
  model.description = option.get_description();
  model.takes_value = option.get_items_expected_min() > 0;
  if (model.takes_value) read_type_name(option.get_type_name(), model);
  model.default_value = option.get_default_str();
  model.repeatable = option.get_items_expected_max() > 1 ||
                     option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  model.is_help = std::find(model.names.begin(), model.names.end(), "--help") != model.names.end();
  return model;
}

PositionalModel positional_model(const CLI::Option& option) {
  PositionalModel model;
  model.name = option.get_name();
  model.description = option.get_description();
  model.required = option.get_required();
  model.repeatable = option.get_items_expected_max() > 1;
  model.is_file = option.get_type_name() == "FILE";
  model.is_note = !model.is_file && names_a_note(model.name);
  return model;
}

CommandModel model_of(const CLI::App& app) {
  CommandModel model;
  model.name = app.get_name();
  model.description = app.get_description();
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    if (option->get_positional() && !option->nonpositional()) {
      model.positionals.push_back(positional_model(*option));
    } else {
      model.options.push_back(option_model(*option));
    }
  }
  return model;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

bool OptionModel::value_is_file() const { return value_name == "FILE"; }

bool OptionModel::value_is_folder() const { return value_name.rfind("DIR", 0) == 0; }

std::string PositionalModel::metavar() const { return upper(name); }

bool CommandModel::takes_note() const {
  return std::any_of(positionals.begin(), positionals.end(),
                     [](const PositionalModel& p) { return p.is_note; });
}

bool CommandModel::takes_files() const {
  return std::any_of(positionals.begin(), positionals.end(),
                     [](const PositionalModel& p) { return p.is_file; });
}

std::vector<const OptionModel*> CommandModel::valued_options() const {
  std::vector<const OptionModel*> valued;
  for (const OptionModel& option : options) {
    if (option.takes_value) valued.push_back(&option);
  }
  return valued;
}

std::string CommandModel::usage(const std::string& program) const {
  std::string out = program + " " + name + " [OPTIONS]";
  for (const PositionalModel& p : positionals) {
    const std::string word = p.metavar() + (p.repeatable ? "..." : "");
    out += p.required ? " " + word : " [" + word + "]";
  }
  return out;
}

CommandModel command_model(const CLI::App& app) {
  CommandModel model = model_of(app);
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group().empty()) continue;  // hidden
    model.subcommands.push_back(model_of(*sub));
  }
  return model;
}

std::string short_description(const std::string& text, std::size_t width) {
  // A clause shorter than this says too little ("dot" of "dot (Graphviz
  // text), json ..."): the cut is at a later stop.
  constexpr std::size_t kShortest = 16;
  std::size_t end = text.size();
  for (const char* stop : {" (", "; ", ": ", ", with ", ". "}) {
    const std::size_t at = text.find(stop, kShortest);
    if (at != std::string::npos) end = std::min(end, at);
  }
  std::string out = text.substr(0, end);
  if (out.size() <= width) return out;
  std::size_t space = out.rfind(' ', width);
  if (space == std::string::npos || space == 0) space = width;
  return out.substr(0, space) + "...";
}

}  // namespace kbcli
