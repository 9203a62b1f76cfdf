// The NOTE argument of backlinks and links: a path (relative to the
// knowledge base or to the current folder), a file stem, or a title.
#ifndef KB_CLI_NOTE_ARGUMENT_H_
#define KB_CLI_NOTE_ARGUMENT_H_

#include <filesystem>
#include <string>

#include "commands.h"
#include "kb/link_graph.h"
#include "printer.h"

namespace kbcli {

// The path of the one note `spec` names in the knowledge base at `root`.
// Prints the candidates and returns kInvalidArgument when it names several,
// and kInvalidArgument too when none.
kb::Result<std::string> resolve_note_argument(const kb::LinkGraph& graph,
                                              const std::filesystem::path& root,
                                              const std::string& spec);

// The body of `command`, a subcommand that prints the links of one note:
// opens the link graph of the knowledge base, resolves NOTE, and prints
// what `query` returns for it; each as the --format TEMPLATE `format` of
// link_fields() when it is not empty. Returns the exit code.
using NoteLinksQuery = kb::Result<std::vector<kb::ResolvedLink>> (kb::LinkGraph::*)(
    const std::string&) const;
int print_note_links(const GlobalOptions& global, const char* command, const std::string& note,
                     bool json, LinkView view, NoteLinksQuery query,
                     const std::string& format = "");

}  // namespace kbcli

#endif  // KB_CLI_NOTE_ARGUMENT_H_
