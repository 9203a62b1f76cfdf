// `kbsearch --generate complete-fish`: fish `complete` lines from the
// command model.
#include <string>

#include "completion_scripts.h"

namespace kbcli {

namespace {

// `text` as a single-quoted fish word.
std::string fish_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// The -s/-l names, the value handling and the description of `option`.
std::string option_flags(const OptionModel& option) {
  std::string out;
  for (const std::string& name : option.names) {
    out += name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1);
  }
  if (option.takes_value) {
    if (!option.choices.empty()) {
      std::string words;
      for (const std::string& choice : option.choices) words += (words.empty() ? "" : " ") + choice;
      out += " -x -a " + fish_quoted(words);
    } else if (option.value_is_folder()) {
      out += " -x -a '(__fish_complete_directories (commandline -ct))'";
    } else if (option.value_is_file()) {
      out += " -r -F";
    } else {
      out += " -x";
    }
  }
  return out + " -d " + fish_quoted(short_description(option.description));
}

}  // namespace

std::string fish_completion(const CommandModel& cli) {
  std::string globals_with_value;
  for (const OptionModel* option : cli.valued_options()) {
    for (const std::string& name : option->names) globals_with_value += " " + name;
  }
  std::string subcommands;
  for (const CommandModel& sub : cli.subcommands) subcommands += " " + sub.name;

  std::string out =
      "# fish completion for kbsearch: subcommands, options, and note paths after\n"
      "# the subcommands that take a NOTE. Written by `kbsearch --generate\n"
      "# complete-fish` from the program's own options; do not edit.\n"
      "\n"
      "# The subcommand of the command line: the first word that is neither an\n"
      "# option nor a global option's value (a query word means search); nothing\n"
      "# before there is one.\n"
      "function __kbsearch_subcommand\n"
      "    set -l words (commandline -opc)\n"
      "    set -e words[1]\n"
      "    set -l skip 0\n"
      "    for word in $words\n"
      "        if test $skip = 1\n"
      "            set skip 0\n"
      "            continue\n"
      "        end\n"
      "        switch $word\n"
      "            case" + globals_with_value + "\n"
      "                set skip 1\n"
      "            case '-*'\n"
      "            case" + subcommands + "\n"
      "                echo $word\n"
      "                return\n"
      "            case '*'\n"
      "                echo search\n"
      "                return\n"
      "        end\n"
      "    end\n"
      "end\n"
      "\n"
      "function __kbsearch_needs_subcommand\n"
      "    set -l sub (__kbsearch_subcommand)\n"
      "    test -z \"$sub\"\n"
      "end\n"
      "\n"
      "function __kbsearch_using\n"
      "    set -l sub (__kbsearch_subcommand)\n"
      "    contains -- \"$sub\" $argv\n"
      "end\n"
      "\n"
      "# Note paths starting with the word being completed, as NOTE arguments\n"
      "# take them, from the program as typed, with the --kb and --root-paths of\n"
      "# the command line.\n"
      "function __kbsearch_notes\n"
      "    set -l words (commandline -opc)\n"
      "    set -l context\n"
      "    for i in (seq 2 (count $words))\n"
      "        switch $words[$i]\n"
      "            case --kb\n"
      "                set -l next (math $i + 1)\n"
      "                if test $next -le (count $words)\n"
      "                    set -a context --kb (string replace -r '^~' -- $HOME $words[$next])\n"
      "                end\n"
      "            case --root-paths\n"
      "                set -a context --root-paths\n"
      "        end\n"
      "    end\n"
      "    set -l program (string replace -r '^~' -- $HOME $words[1])\n"
      "    $program $context " + std::string(kCompleteNotes) +
      " -- (commandline -ct) 2>/dev/null\n"
      "end\n"
      "\n"
      "complete -c kbsearch -f\n";
  for (const CommandModel& sub : cli.subcommands) {
    out += "complete -c kbsearch -n __kbsearch_needs_subcommand -a " + sub.name + " -d " +
           fish_quoted(short_description(sub.description)) + "\n";
  }
  for (const OptionModel& option : cli.options) {
    out += "complete -c kbsearch" + option_flags(option) + "\n";
  }
  for (const CommandModel& sub : cli.subcommands) {
    const std::string condition = " -n " + fish_quoted("__kbsearch_using " + sub.name);
    for (const OptionModel& option : sub.options) {
      if (option.is_help) continue;  // the global -h,--help stands for it
      out += "complete -c kbsearch" + condition + option_flags(option) + "\n";
    }
    if (sub.takes_note()) out += "complete -c kbsearch" + condition + " -a '(__kbsearch_notes)'\n";
    if (sub.takes_files()) out += "complete -c kbsearch" + condition + " -F\n";
  }
  return out;
}

}  // namespace kbcli
