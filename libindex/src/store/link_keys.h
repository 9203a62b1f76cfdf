// Link keys: the normalised names under which notes are indexed and links
// look for them. Both sides use these functions, so they always agree.
#ifndef KB_SRC_LINK_KEYS_H_
#define KB_SRC_LINK_KEYS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/note.h"

namespace kb {

// `name` case-folded and NFKC-normalised, without a trailing ".md" or
// ".markdown": "大模型LM/文献精读/Transformer.md" -> "大模型lm/文献精读/transformer".
std::string name_key(std::string_view name);

// The key naming the folder of the note at `path` when it is the folder's
// index.md or README.md ("" for the root); std::nullopt otherwise.
std::optional<std::string> folder_key(std::string_view path);

// The keys of every proper suffix of `path` by whole segments, longest
// first: "a/b/c.md" -> "b/c". The stem alone is not one (see stem_key).
std::vector<std::string> suffix_keys(std::string_view path);

// The key of the file stem: "a/b/c.md" -> "c".
std::string stem_key(std::string_view path);

// A Xapian term for `prefix` + `key`, shortened with a hash when too long
// for the index (as note ids are).
std::string key_term(const char* prefix, const std::string& key);

// How a link names what it links to: Markdown links, images, autolinks and
// Hexo asset_links by a path; wikilinks and embeds by any name of a note;
// Hexo post_links by a file stem; bare URLs not at all.
enum class LinkNaming { kPath, kName, kStem, kNone };
LinkNaming naming_of(Link::Kind kind);

// The index terms a link of the note at `source` carries, naming what it
// looks for (term_prefixes.h: kLinkPath, kLinkName, kLinkStem); none for
// external links, links into the same note and links leaving the root.
// The first is what the strict rules look for; a Markdown link also
// carries its target as a name (what Obsidian's fallbacks and a site
// root's "/x" look for, libindex/README.md "Link dialects"), so that the
// terms do not depend on the dialect and a dialect change needs no
// re-indexing. The link graph's backlinks query is built from these terms.
std::vector<std::string> link_terms(const std::string& source, const Link& link);

}  // namespace kb

#endif  // KB_SRC_LINK_KEYS_H_
