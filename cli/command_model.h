// The command line of kbsearch as data: its subcommands, their options and
// arguments, read from the CLI11 definition itself, so that the man page's
// COMMANDS section and the shell completions (completion_scripts.h) cannot
// drift from what the program accepts.
#ifndef KB_CLI_COMMAND_MODEL_H_
#define KB_CLI_COMMAND_MODEL_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace kbcli {

struct OptionModel {
  std::vector<std::string> names;  // as typed: "-n", "--limit"; short ones first
  std::string description;
  bool takes_value = false;
  std::string value_name;            // "N", "FILE", "DIR|NAME"; empty for a flag
  std::vector<std::string> choices;  // the only values allowed (CLI::IsMember); else empty
  std::string default_value;         // as --help shows it; often empty
  bool repeatable = false;           // --exclude GLOB, given once per pattern
  bool is_help = false;              // -h,--help

  // What a shell offers as its value: files, folders or nothing.
  bool value_is_file() const;
  bool value_is_folder() const;
};

struct PositionalModel {
  std::string name;  // "note", "query"
  std::string description;
  bool required = false;
  bool repeatable = false;
  // A note of the knowledge base (backlinks NOTE, note PATH): completed
  // with the indexed note paths.
  bool is_note = false;
  // A file or folder on disk, which need not be indexed yet (index
  // PATH..., typed FILE): completed with the shell's file names.
  bool is_file = false;

  // "NOTE", "QUERY": the name as usage lines write it.
  std::string metavar() const;
};

struct CommandModel {
  std::string name;  // "kbsearch", "backlinks"
  std::string description;
  std::vector<OptionModel> options;
  std::vector<PositionalModel> positionals;
  std::vector<CommandModel> subcommands;  // of the top level only

  bool takes_note() const;
  bool takes_files() const;
  // The options that take a value.
  std::vector<const OptionModel*> valued_options() const;
  // "kbsearch backlinks [OPTIONS] NOTE", for the man page.
  std::string usage(const std::string& program) const;
};

// The model of `app` and of its subcommands, in the order they were
// declared. Hidden options and subcommands (an empty group, as
// `__complete-notes`) are left out: they are for the scripts, not for
// people.
CommandModel command_model(const CLI::App& app);

// `text` cut to its first clause of some length (before " (", "; ", ": "), at most
// about `width` characters: the one-line descriptions zsh and fish show
// beside each candidate.
std::string short_description(const std::string& text, std::size_t width = 60);

}  // namespace kbcli

#endif  // KB_CLI_COMMAND_MODEL_H_
