// Link resolver: what a link names, by the rules of libindex/README.md
// ("Link resolution"), against a catalogue of the knowledge base's notes.
#ifndef KB_SRC_LINK_RESOLVER_H_
#define KB_SRC_LINK_RESOLVER_H_

#include <optional>
#include <string>
#include <vector>

#include "kb/link_graph.h"
#include "kb/note.h"

namespace kb {

// What the resolver needs to know about the knowledge base.
class NoteCatalog {
 public:
  virtual ~NoteCatalog() = default;
  // The paths of the notes that carry the index term `term` (see
  // term_prefixes.h: kNamePath, kNameSuffix, ...), sorted.
  virtual std::vector<std::string> notes_with(const std::string& term) const = 0;
  // The indexed record of the note at `path` (headings, blocks), if any.
  virtual std::optional<Note> record(const std::string& path) const = 0;
  // True when `path` (relative to the root, already checked to stay inside
  // it) is a file that exists.
  virtual bool file_exists(const std::string& path) const = 0;
};

// Resolves `link` of the note at `source`: status, target, candidates; the
// context is copied from the link.
ResolvedLink resolve_link(const std::string& source, const Link& link,
                          const NoteCatalog& catalog);

// The index term a link of the note at `source` carries, naming what it
// looks for (see term_prefixes.h: kLinkPath, kLinkName, kLinkStem); "" for
// external links, links into the same note and links leaving the root.
std::string link_term(const std::string& source, const Link& link);

// True when `anchor` names a heading or block of `target`: a heading by its
// text (case-insensitively, spaces collapsed) or either of its slugs;
// "^id" a block that ends with it.
bool has_anchor(const Note& target, const std::string& anchor);

}  // namespace kb

#endif  // KB_SRC_LINK_RESOLVER_H_
