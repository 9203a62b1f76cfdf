// Link resolver: what a link names, by the rules of libindex/README.md
// ("Link resolution"), against a catalogue of the knowledge base's notes.
#ifndef KB_SRC_GRAPH_LINK_RESOLVER_H_
#define KB_SRC_GRAPH_LINK_RESOLVER_H_

#include <string>
#include <string_view>
#include <vector>

#include "kb/link_graph.h"
#include "kb/note.h"
#include "kb/status.h"
#include "store/catalog.h"

namespace kb {

// Resolves `link` of the note at `source`: status, target, candidates; the
// context is copied from the link. kCorruption when the record of the note
// an anchor is checked against cannot be read.
Result<ResolvedLink> resolve_link(const std::string& source, const Link& link,
                                  const Catalog& catalog);

// True when `r` leads to another note (resolved, or to the right note with
// a missing anchor): an edge of the note graph.
bool reaches_note(const ResolvedLink& r);

// True when `anchor` names a heading or block of `target`: a heading by its
// text (case-insensitively, spaces collapsed) or either of its slugs;
// "^id" a block that ends with it.
bool has_anchor(const Note& target, const std::string& anchor);

// Heading text as Obsidian compares it: case-folded (NFKC), spaces
// collapsed.
std::string heading_key(std::string_view text);

// True when `name` ends in a file extension other than a note's: a dot and
// 1-8 letters or digits, one a letter ("a.png", not "v1.0" or "a.yaml
// proposal").
bool names_other_file(std::string_view name);

}  // namespace kb

#endif  // KB_SRC_GRAPH_LINK_RESOLVER_H_
