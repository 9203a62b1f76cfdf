#include "man_commands.h"

namespace kbcli {

namespace {

// `text` as roff text: a backslash printed as one, '-' as the minus sign
// options are written with (so a pasted --flag works), and no line taken
// for a request.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c == '\n') {
      out += "\n.br\n";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

std::string option_tag(const OptionModel& option) {
  std::string tag;
  for (const std::string& name : option.names) {
    tag += (tag.empty() ? "" : ", ") + std::string("\\fB") + roff(name) + "\\fR";
  }
  if (option.takes_value) tag += " \\fI" + roff(option.value_name) + "\\fR";
  return tag;
}

std::string option_text(const OptionModel& option) {
  std::string text = option.description;
  if (!option.choices.empty()) {
    std::string choices;
    for (const std::string& choice : option.choices) choices += (choices.empty() ? "" : ", ") + choice;
    text += " (one of: " + choices + ")";
  }
  if (!option.default_value.empty()) text += " (default: " + option.default_value + ")";
  if (option.repeatable) text += " (repeatable)";
  return roff(text);
}

}  // namespace

std::string man_commands(const CommandModel& cli) {
  std::string out = "[NAME]\n" + roff(cli.name) + " \\- ";
  // "kbsearch: search and link ..." gives "search and link ...".
  const std::string prefix = cli.name + ": ";
  const std::string summary = cli.description.rfind(prefix, 0) == 0
                                  ? cli.description.substr(prefix.size())
                                  : cli.description;
  out += roff(summary) + "\n\n[COMMANDS]\n";
  out += "Each subcommand also takes the global options above, before or after it; "
         "\\fBkbsearch help\\fR \\fISUBCOMMAND\\fR prints the same help as "
         "\\fBkbsearch\\fR \\fISUBCOMMAND\\fR \\fB\\-\\-help\\fR.\n";
  for (const CommandModel& sub : cli.subcommands) {
    out += ".SS \"" + roff(sub.usage(cli.name)) + "\"\n" + roff(sub.description) + "\n";
    for (const PositionalModel& p : sub.positionals) {
      out += ".TP\n\\fI" + roff(p.metavar()) + "\\fR\n" + roff(p.description) + "\n";
    }
    for (const OptionModel& option : sub.options) {
      if (option.is_help) continue;
      out += ".TP\n" + option_tag(option) + "\n" + option_text(option) + "\n";
    }
  }
  return out;
}

}  // namespace kbcli
