// kbsearch: search and link Markdown knowledge bases. This file only wires
// the subcommands together; see commands.h.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"
#include "generate.h"
#include "kb/version.h"
#include "output_sink.h"

namespace {

// `kbsearch QUERY...` means `kbsearch search QUERY...`: when the first
// argument that is not an option (or a global option's value) names no
// subcommand, "search" is inserted in front of the arguments.
std::vector<std::string> with_default_subcommand(
    std::vector<std::string> args, const std::set<std::string>& subcommands) {
  static const std::set<std::string> kGlobalWithValue = {"--kb", "--remote", "--color",
                                                          "--exclude"};
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help" || a == "-V" || a == "--version" || a == "--generate") {
      return args;
    }
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

// The option names of `app` (and of its parent, whose options fall through),
// each with whether it takes a value.
void collect_options(const CLI::App& app, std::map<std::string, bool>& takes_value) {
  for (const CLI::Option* option : app.get_options()) {
    const bool value = option->get_items_expected_min() > 0;
    for (const std::string& name : option->get_lnames()) takes_value["--" + name] = value;
    for (const std::string& name : option->get_snames()) takes_value["-" + name] = value;
  }
  if (app.get_parent() != nullptr) collect_options(*app.get_parent(), takes_value);
}

// Query words may start with '-' (`attention -softmax` excludes softmax),
// which CLI11 would take for unknown options. After `search` or `blocks`
// (the first of them), every argument that is not one of its options (or
// an option's value) is moved behind a final "--", in order, so that CLI11
// reads all of them as query words.
std::vector<std::string> query_words_last(std::vector<std::string> args, const CLI::App& app) {
  const auto at = std::find_if(args.begin(), args.end(), [](const std::string& a) {
    return a == "search" || a == "blocks";
  });
  if (at == args.end()) return args;
  const CLI::App& search = *app.get_subcommand(*at);
  std::map<std::string, bool> takes_value;
  collect_options(search, takes_value);
  std::vector<std::string> out(args.begin(), at + 1);
  std::vector<std::string> words;
  for (auto it = at + 1; it != args.end(); ++it) {
    if (*it == "--") {
      words.insert(words.end(), it + 1, args.end());
      break;
    }
    const std::string name = it->substr(0, it->find('='));
    auto known = takes_value.find(name);
    if (known == takes_value.end()) {
      // "-word" is a word to exclude; an unknown "--option" stays an error.
      if (it->rfind("--", 0) == 0) {
        out.push_back(*it);
      } else {
        words.push_back(*it);
      }
      continue;
    }
    out.push_back(*it);
    if (known->second && name == *it && it + 1 != args.end()) out.push_back(*++it);
  }
  if (!words.empty()) {
    out.push_back("--");
    out.insert(out.end(), words.begin(), words.end());
  }
  return out;
}

// The exit code once all output is written: a reader that has gone (as in
// `kbsearch -l word | head -1`) ends the command as a success, as ripgrep
// does; any other write error fails it, said once.
int after_output(int exit_code) {
  kbcli::OutputSink& out = kbcli::standard_output();
  out.flush();
  if (out.error() == EPIPE) return kbcli::kExitFound;
  if (out.error() != 0) {
    std::cerr << "kbsearch: cannot write output: " << std::strerror(out.error()) << "\n";
    return kbcli::kExitIndex;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) try {
  // A write to a pipe whose reader has gone then fails with EPIPE, which
  // OutputSink notes, instead of killing the process before it can exit 0.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"kbsearch: search and link Markdown knowledge bases", "kbsearch"};
  app.set_version_flag("-V,--version", std::string("kbsearch ") + kb::version());
  app.require_subcommand(1);
  app.fallthrough();

  kbcli::GlobalOptions global;
  app.add_option("--kb", global.kb,
                 "Knowledge base root, or its name in the user config ([kb.NAME] path or "
                 "remote, [group.NAME]; default: $KBSEARCH_KB, else the nearest folder above "
                 "holding .kbsearch/). Repeat it to search several as one")
      ->type_name("DIR|NAME")
      ->allow_extra_args(false);
  app.add_option("--remote", global.remote,
                 "Also search the index that `kbsearch serve-index` serves at HOST:PORT "
                 "(repeatable)")
      ->type_name("HOST:PORT")
      ->allow_extra_args(false);
  app.add_option("--color", global.color,
                 "Colour: auto, always or never (default: [output] color of the config, "
                 "else never when NO_COLOR is set, else auto)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--no-refresh", global.no_refresh,
               "Query the index as it is, without first reading notes that changed");
  app.add_flag("--root-paths", global.root_paths,
               "Print note paths from the knowledge base root, not from the current folder");
  app.add_option("--exclude", global.exclude,
                 "Leave out the notes and folders matching GLOB (gitignore syntax, from the "
                 "knowledge base root; repeatable), on top of .gitignore and .kbignore files")
      ->type_name("GLOB")
      ->allow_extra_args(false);

  int exit_code = kbcli::kExitFound;
  kbcli::setup_index(app, global, exit_code);
  kbcli::setup_watch(app, global, exit_code);
  kbcli::setup_search(app, global, exit_code);
  kbcli::setup_note(app, global, exit_code);
  kbcli::setup_backlinks(app, global, exit_code);
  kbcli::setup_links(app, global, exit_code);
  kbcli::setup_broken(app, global, exit_code);
  kbcli::setup_orphans(app, global, exit_code);
  kbcli::setup_tags(app, global, exit_code);
  kbcli::setup_mentions(app, global, exit_code);
  kbcli::setup_related(app, global, exit_code);
  kbcli::setup_graph(app, global, exit_code);
  kbcli::setup_serve(app, global, exit_code);
  kbcli::setup_blocks(app, global, exit_code);
  kbcli::setup_config(app, global, exit_code);
  kbcli::setup_serve_index(app, global, exit_code);
  kbcli::setup_complete_notes(app, global, exit_code);
  kbcli::setup_help(app, exit_code);
  kbcli::add_generate_option(app);

  // Several knowledge bases are for the commands that read shards; the
  // others would silently use the first.
  app.parse_complete_callback([&app, &global] {
    if (global.kb.size() < 2 && global.remote.empty()) return;
    for (const char* name : kbcli::kShardCommands) {
      if (app.got_subcommand(name)) return;
    }
    throw CLI::ValidationError("--kb/--remote",
                               "several knowledge bases, or a remote one, are for search, "
                               "backlinks, links, broken, tags and serve");
  });

  std::set<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.insert(sub->get_name());
  std::vector<std::string> args = query_words_last(
      with_default_subcommand(std::vector<std::string>(argv, argv + argc), names), app);
  // CLI11 parses a reversed vector of the arguments after the program name.
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? after_output(kbcli::kExitFound) : kbcli::kExitUsage;
  }
  return after_output(exit_code);
} catch (const std::exception& e) {
  std::cerr << "kbsearch: internal error: " << e.what() << "\n";
  return kbcli::kExitIndex;
}
