// The NOTE argument of backlinks and links: a path (relative to the
// knowledge base or to the current folder), a file stem, or a title.
#ifndef KB_CLI_NOTE_ARGUMENT_H_
#define KB_CLI_NOTE_ARGUMENT_H_

#include <filesystem>
#include <string>

#include "kb/link_graph.h"

namespace kbcli {

// The path of the one note `spec` names in the knowledge base at `root`.
// Prints the candidates and returns kInvalidArgument when it names several,
// kNotFound when none.
kb::Result<std::string> resolve_note_argument(const kb::LinkGraph& graph,
                                              const std::filesystem::path& root,
                                              const std::string& spec);

}  // namespace kbcli

#endif  // KB_CLI_NOTE_ARGUMENT_H_
