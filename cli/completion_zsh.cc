// `kbsearch --generate complete-zsh`: a zsh completion function (#compdef
// kbsearch) from the command model.
#include <string>

#include "completion_scripts.h"

namespace kbcli {

namespace {

// `text` inside a single-quoted zsh word.
std::string single_quoted(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out;
}

// `text` as the [explanation] of an _arguments spec, where brackets and
// backslashes would end or escape it.
std::string explanation(const std::string& text) {
  std::string out;
  for (char c : short_description(text)) {
    if (c == '[' || c == ']' || c == '\\' || c == ':') out += '\\';
    out += c;
  }
  return out;
}

// The ":MESSAGE:ACTION" part of a spec for the value of `option`.
std::string value_spec(const OptionModel& option) {
  if (!option.takes_value) return "";
  const std::string message = ":" + option.value_name + ":";
  if (!option.choices.empty()) {
    std::string words;
    for (const std::string& choice : option.choices) words += (words.empty() ? "" : " ") + choice;
    return message + "(" + words + ")";
  }
  if (option.value_is_folder()) return message + "_files -/";
  if (option.value_is_file()) return message + "_files";
  return message + " ";
}

// The _arguments specs of `command`'s options, one word each, quoted.
// A subcommand's -h,--help is left out: the global one stands for it.
std::string option_specs(const CommandModel& command, bool with_help) {
  std::string out;
  for (const OptionModel& option : command.options) {
    if (option.is_help && !with_help) continue;
    std::string exclusive;
    if (option.names.size() > 1) {
      for (const std::string& name : option.names) exclusive += (exclusive.empty() ? "" : " ") + name;
      exclusive = "(" + exclusive + ")";
    }
    for (const std::string& name : option.names) {
      const std::string spec = (option.repeatable ? "*" : exclusive) + name + "[" +
                               explanation(option.description) + "]" + value_spec(option);
      out += " '" + single_quoted(spec) + "'";
    }
  }
  return out;
}

std::string positional_specs(const CommandModel& command) {
  std::string out;
  int position = 0;
  for (const PositionalModel& p : command.positionals) {
    const std::string action = p.is_note ? "_kbsearch_notes" : p.is_file ? "_files" : " ";
    std::string spec;
    if (p.repeatable) {
      spec = "*:" + p.name + ":" + action;
    } else {
      spec = std::to_string(++position) + (p.required ? ":" : "::") + p.name + ":" + action;
    }
    out += " '" + single_quoted(spec) + "'";
  }
  return out;
}

}  // namespace

std::string zsh_completion(const CommandModel& cli) {
  std::string out =
      "#compdef kbsearch\n"
      "# zsh completion for kbsearch: subcommands, options, and note paths after\n"
      "# the subcommands that take a NOTE. Written by `kbsearch --generate\n"
      "# complete-zsh` from the program's own options; do not edit.\n"
      "\n"
      "# Note paths starting with $PREFIX, as NOTE arguments take them, from the\n"
      "# program as typed, with the --kb and --root-paths of the command line;\n"
      "# folders end in / and take no space after them.\n"
      "_kbsearch_notes() {\n"
      "  local -a context notes folders files\n"
      "  local i\n"
      "  for ((i = 2; i < ${#_kbsearch_line}; i++)); do\n"
      "    case ${_kbsearch_line[i]} in\n"
      "      --kb) context+=(--kb \"${_kbsearch_line[i+1]/#\\~/$HOME}\") ;;\n"
      "      --root-paths) context+=(--root-paths) ;;\n"
      "    esac\n"
      "  done\n"
      "  notes=(${(f)\"$(\"${_kbsearch_line[1]/#\\~/$HOME}\" $context " +
      std::string(kCompleteNotes) + " -- \"$PREFIX\" 2>/dev/null)\"})\n"
      "  folders=(${(M)notes:#*/})\n"
      "  files=(${notes:#*/})\n"
      "  compadd -S '' -a folders\n"
      "  compadd -a files\n"
      "}\n"
      "\n"
      "_kbsearch() {\n"
      "  # The words as typed: _arguments below shifts $words to the subcommand's.\n"
      "  local -a _kbsearch_line=(\"${words[@]}\")\n"
      "  local curcontext=$curcontext state line ret=1\n"
      "  local -a globals=(" + option_specs(cli, true) + ")\n"
      "  _arguments -C -s $globals '1: :->command' '*:: :->argument' && ret=0\n"
      "  case $state in\n"
      "    command)\n"
      "      local -a commands=(\n";
  for (const CommandModel& sub : cli.subcommands) {
    out += "        '" + single_quoted(sub.name + ":" + short_description(sub.description)) + "'\n";
  }
  out +=
      "      )\n"
      "      _describe -t commands 'kbsearch subcommand' commands && ret=0\n"
      "      ;;\n"
      "    argument)\n"
      "      curcontext=${curcontext%:*}-$line[1]:\n"
      "      case $line[1] in\n";
  const CommandModel* search = nullptr;
  for (const CommandModel& sub : cli.subcommands) {
    if (sub.name == "search") search = &sub;
    out += "        " + sub.name + ")\n          _arguments -s $globals" + option_specs(sub, false) +
           positional_specs(sub) + " && ret=0 ;;\n";
  }
  if (search != nullptr) {
    // `kbsearch QUERY...` is `kbsearch search QUERY...`.
    out += "        *)\n          _arguments -s $globals" + option_specs(*search, false) +
           positional_specs(*search) + " && ret=0 ;;\n";
  }
  out +=
      "      esac\n"
      "      ;;\n"
      "  esac\n"
      "  return ret\n"
      "}\n"
      "\n"
      "if [[ $funcstack[1] == _kbsearch ]]; then\n"
      "  _kbsearch \"$@\"\n"
      "else\n"
      "  compdef _kbsearch kbsearch\n"
      "fi\n";
  return out;
}

}  // namespace kbcli
