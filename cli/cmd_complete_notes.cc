// `kbsearch __complete-notes PREFIX`, hidden: the note paths the completion
// scripts (completion_scripts.h) offer for a NOTE argument that starts
// with PREFIX, as the user types them: from the current folder inside the
// knowledge base (`../x.md` included), else from the root, as NOTE
// arguments resolve and every command prints them. One folder level at a
// time, as shells complete files: `大模型LM/` stands for the notes below
// it, so a knowledge base of 20k notes offers a screenful.
//
// It reads the index as it is (no refresh) and prints nothing but paths,
// one a line (a name with a newline is left out); a missing index or
// knowledge base prints none. Exit codes as everywhere: 1 when none match.
#include <set>
#include <string>

#include "commands.h"
#include "completion_scripts.h"
#include "exit_codes.h"
#include "kb/note_paths.h"
#include "kb_location.h"
#include "output_sink.h"
#include "printer.h"
#include "run_settings.h"

namespace kbcli {

namespace {

int run_complete_notes(const GlobalOptions& global, const std::string& typed) {
  auto root = locate_kb(one_kb(global), /*for_indexing=*/false, run_settings(global).named_kbs);
  if (!root) return kExitUsage;
  auto paths = kb::indexed_note_paths(*root, "");
  if (!paths) return kExitIndex;
  const PathDisplay display = path_display(global, *root);
  std::set<std::string> offered;
  for (const std::string& path : *paths) {
    const std::string shown = display.shown(path);
    if (shown.compare(0, typed.size(), typed) != 0 || shown.find('\n') != std::string::npos) {
      continue;
    }
    const std::size_t slash = shown.find('/', typed.size());
    offered.insert(slash == std::string::npos ? shown : shown.substr(0, slash + 1));
  }
  for (const std::string& candidate : offered) standard_output().write(candidate + "\n");
  return offered.empty() ? kExitNotFound : kExitFound;
}

}  // namespace

void setup_complete_notes(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto prefix = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      kCompleteNotes, "For the shell completion scripts: note paths starting with PREFIX");
  sub->group("");  // hidden: not in --help, the man page or the completions
  sub->add_option("prefix", *prefix, "What the user has typed of the NOTE");
  sub->callback([&global, &exit_code, prefix] {
    exit_code = run_complete_notes(global, *prefix);
  });
}

}  // namespace kbcli
