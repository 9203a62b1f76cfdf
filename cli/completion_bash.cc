// `kbsearch --generate complete-bash`: a bash completion function from the
// command model.
#include <set>

#include "completion_scripts.h"

namespace kbcli {

namespace {

// The options a shell offers after `kbsearch SUB`: its own, then the
// global ones (they fall through to every subcommand), each name once.
std::string option_words(const CommandModel& cli, const CommandModel* sub) {
  std::set<std::string> seen;
  std::string words;
  auto add = [&](const CommandModel& command) {
    for (const OptionModel& option : command.options) {
      for (const std::string& name : option.names) {
        if (seen.insert(name).second) words += (words.empty() ? "" : " ") + name;
      }
    }
  };
  if (sub != nullptr) add(*sub);
  add(cli);
  return words;
}

// The case pattern "CMD:-o|CMD:--output" of a valued option (CMD "*" for
// the global ones, which any subcommand takes).
std::string value_pattern(const std::string& command, const OptionModel& option) {
  std::string pattern;
  for (const std::string& name : option.names) {
    pattern += (pattern.empty() ? "" : "|") + command + ":" + name;
  }
  return pattern;
}

// Offers the file names starting with $cur, as bash's own completion does.
constexpr const char* kOfferFiles =
    "local IFS=$'\\n'; COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null";

// What bash offers as the value of `option`.
std::string value_action(const OptionModel& option) {
  if (!option.choices.empty()) {
    std::string words;
    for (const std::string& choice : option.choices) words += (words.empty() ? "" : " ") + choice;
    return "COMPREPLY=($(compgen -W '" + words + "' -- \"$cur\"))";
  }
  if (option.value_is_folder()) return "local IFS=$'\\n'; COMPREPLY=($(compgen -d -- \"$cur\")); compopt -o filenames 2>/dev/null";
  if (option.value_is_file()) return kOfferFiles;
  return ":";  // a number, a glob, a template: nothing to offer
}

void add_value_cases(std::string& out, const std::string& command, const CommandModel& model) {
  for (const OptionModel* option : model.valued_options()) {
    out += "    " + value_pattern(command, *option) + ")\n      " + value_action(*option) +
           "\n      return ;;\n";
  }
}

}  // namespace

std::string bash_completion(const CommandModel& cli) {
  std::string subcommands;
  std::string known;
  for (const CommandModel& sub : cli.subcommands) {
    subcommands += (subcommands.empty() ? "" : " ") + sub.name;
    known += (known.empty() ? "" : "|") + sub.name;
  }
  std::string global_valued;
  for (const OptionModel* option : cli.valued_options()) {
    for (const std::string& name : option->names) {
      if (name != "--kb") global_valued += (global_valued.empty() ? "" : "|") + name;
    }
  }

  std::string out =
      "# bash completion for kbsearch: subcommands, options, and note paths after\n"
      "# the subcommands that take a NOTE. Written by `kbsearch --generate\n"
      "# complete-bash` from the program's own options; do not edit.\n"
      "\n"
      "# Note paths starting with $2, as NOTE arguments take them, from the\n"
      "# program $1; the rest (--kb DIR, --root-paths) passed on.\n"
      "_kbsearch_notes() {\n"
      "  local program=$1 cur=$2\n"
      "  shift 2\n"
      "  mapfile -t COMPREPLY < <(\"$program\" \"$@\" " + std::string(kCompleteNotes) +
      " -- \"$cur\" 2>/dev/null)\n"
      "  compopt -o filenames 2>/dev/null\n"
      "  if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == */ ]]; then\n"
      "    compopt -o nospace 2>/dev/null\n"
      "  fi\n"
      "}\n"
      "\n"
      "_kbsearch() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      "  local program=${COMP_WORDS[0]/#\\~/$HOME} cmd='' word i\n"
      "  local -a context=()\n"
      "  COMPREPLY=()\n"
      "  # The subcommand is the first word that is neither an option nor a\n"
      "  # global option's value; a query word means search.\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    word=${COMP_WORDS[i]}\n"
      "    case $word in\n"
      "      --kb)\n"
      "        ((i + 1 < COMP_CWORD)) && context+=(--kb \"${COMP_WORDS[i+1]/#\\~/$HOME}\")\n"
      "        ((i++)) ;;\n"
      "      --root-paths) context+=(--root-paths) ;;\n";
  if (!global_valued.empty()) out += "      " + global_valued + ") ((i++)) ;;\n";
  out +=
      "      -*) ;;\n"
      "      *) [[ -z $cmd ]] && cmd=$word ;;\n"
      "    esac\n"
      "  done\n"
      "  case $cmd in\n"
      "    ''|" + known + ") ;;\n"
      "    *) cmd=search ;;\n"
      "  esac\n"
      "\n"
      "  case $cmd:$prev in\n";
  add_value_cases(out, "*", cli);
  for (const CommandModel& sub : cli.subcommands) add_value_cases(out, sub.name, sub);
  out +=
      "  esac\n"
      "\n"
      "  local options='' notes='' files=''\n"
      "  case $cmd in\n"
      "    '') options='" + option_words(cli, nullptr) + "' ;;\n";
  for (const CommandModel& sub : cli.subcommands) {
    out += "    " + sub.name + ") options='" + option_words(cli, &sub) + "'" +
           (sub.takes_note() ? "; notes=1" : "") + (sub.takes_files() ? "; files=1" : "") + " ;;\n";
  }
  out +=
      "  esac\n"
      "  if [[ $cur == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
      "  elif [[ -z $cmd ]]; then\n"
      "    COMPREPLY=($(compgen -W '" + subcommands + "' -- \"$cur\"))\n"
      "  elif [[ -n $notes ]]; then\n"
      "    _kbsearch_notes \"$program\" \"$cur\" \"${context[@]}\"\n"
      "  elif [[ -n $files ]]; then\n"
      "    " + std::string(kOfferFiles) + "\n"
      "  fi\n"
      "}\n"
      "\n"
      "complete -F _kbsearch kbsearch\n";
  return out;
}

}  // namespace kbcli
