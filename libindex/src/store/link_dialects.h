// Link dialects: which dialect each note's links are read in, from the
// markers the crawler found or the config, as the index keeps them for the
// link graph (libindex/README.md, "Link dialects").
#ifndef KB_SRC_STORE_LINK_DIALECTS_H_
#define KB_SRC_STORE_LINK_DIALECTS_H_

#include <string>
#include <vector>

#include "kb/crawler.h"

namespace kb {

// The metadata key under which the index keeps encode_markers() of the
// knowledge base's markers, written by every update() that sees them change.
inline constexpr const char* kDialectMarkersKey = "kbsearch.link_dialects";

// The dialect a note's links are read in, and the folder its "/" paths
// start from (Obsidian's vault root, a site's root; "" is the knowledge-
// base root).
struct DialectScope {
  LinkDialect dialect = LinkDialect::kStrict;
  std::string root;

  bool operator==(const DialectScope&) const = default;
};

// The markers that decide: the crawler's when `configured` is kAuto, else
// one marker at the root with the configured dialect, so that the setting
// covers every note. Sorted by folder.
std::vector<DialectMarker> effective_markers(LinkDialect configured,
                                             std::vector<DialectMarker> found);

// One line per marker, "DIALECT\tFOLDER"; "" for none.
std::string encode_markers(const std::vector<DialectMarker>& markers);
// What encode_markers() wrote, sorted by folder; a line it cannot read
// (an index of an older version) is left out.
std::vector<DialectMarker> decode_markers(const std::string& text);

// The scope of the note at `path`: that of the nearest folder above it,
// up to the root, with a marker in `markers` (sorted by folder), else
// strict from the root. O(depth of the path · log markers).
DialectScope scope_of(const std::vector<DialectMarker>& markers, const std::string& path);

}  // namespace kb

#endif  // KB_SRC_STORE_LINK_DIALECTS_H_
