// kbsearch: search and link Markdown knowledge bases. This file only wires
// the subcommands together; see commands.h.
#include <exception>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"

namespace {

// `kbsearch QUERY...` means `kbsearch search QUERY...`: when the first
// argument that is not an option (or a global option's value) names no
// subcommand, "search" is inserted in front of the arguments.
std::vector<std::string> with_default_subcommand(
    std::vector<std::string> args, const std::set<std::string>& subcommands) {
  static const std::set<std::string> kGlobalWithValue = {"--kb", "--color"};
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help" || a == "--version") return args;
    if (a == "--") break;
    if (kGlobalWithValue.count(a) != 0) {
      ++i;
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    if (subcommands.count(a) != 0) return args;
    break;
  }
  if (args.size() > 1) args.insert(args.begin() + 1, "search");
  return args;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"kbsearch: search and link Markdown knowledge bases"};
  app.set_version_flag("--version", "kbsearch 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();

  kbcli::GlobalOptions global;
  app.add_option("--kb", global.kb,
                 "Knowledge base root (default: $KBSEARCH_KB, else the "
                 "nearest folder above holding .kbsearch/)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--color", global.color, "Colour: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

  int exit_code = kbcli::kExitFound;
  kbcli::setup_index(app, global, exit_code);
  kbcli::setup_search(app, global, exit_code);
  kbcli::setup_note(app, global, exit_code);

  std::set<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.insert(sub->get_name());
  std::vector<std::string> args = with_default_subcommand(
      std::vector<std::string>(argv, argv + argc), names);
  // CLI11 parses a reversed vector of the arguments after the program name.
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kbcli::kExitFound : kbcli::kExitUsage;
  }
  return exit_code;
} catch (const std::exception& e) {
  std::cerr << "kbsearch: internal error: " << e.what() << "\n";
  return kbcli::kExitIndex;
}
