// Link suggestions: what a broken link most likely meant, the note or
// heading whose folded name is the fewest edits away (libindex/README.md,
// "Did you mean"; fixtures/spec/links.md).
#ifndef KB_SRC_GRAPH_LINK_SUGGESTION_H_
#define KB_SRC_GRAPH_LINK_SUGGESTION_H_

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/note.h"
#include "store/catalog.h"

namespace kb {

// The most edits (text/edit_distance.h) a suggestion may be from a name of
// `code_points` code points: a third of them, rounded down, so that a typo
// in a long name is forgiven and a short name is not matched to any other
// short name. A name under 3 code points gets only an exact match.
std::size_t allowed_edits(std::size_t code_points);

// The names of every note (file stems, titles, aliases, case-folded), read
// once from the index, and the suggestions made from them. Made for one
// request, as its catalogue is; not thread-safe (a cache).
class NoteSuggester {
 public:
  // Throws Xapian::Error.
  explicit NoteSuggester(const IndexCatalog& catalog);

  // The path of the note with a name closest to the file name of `target`
  // (a link's target as written: "../a/Transfomer.md", "Transfomer"), within
  // allowed_edits() of it: the fewest edits, then the shortest path, then
  // the first bytewise. "" when none is that close, and for a target that
  // names a file other than a note ("diagram.png").
  std::string suggest(std::string_view target);

 private:
  struct Name {
    std::u32string key;
    std::uint64_t letters = 0;  // a hash set of its code points
    Xapian::docid note = 0;
  };
  const IndexCatalog& catalog_;
  std::vector<std::vector<Name>> by_length_;  // by code points
  std::map<std::string, std::string> suggested_;
};

// The text of the heading of `note` closest to `anchor` (a link's anchor;
// nested "A#B" by its last part), by its text or its slug, within
// allowed_edits() of it; "" when none is, and for a block id ("^id").
std::string suggest_heading(const Note& note, std::string_view anchor);

}  // namespace kb

#endif  // KB_SRC_GRAPH_LINK_SUGGESTION_H_
