// Property links: the links written in front-matter values.
//
// Obsidian reads a property whose value is a wikilink as an internal link
// (`link: "[[Episode IV]]"`, list items `- "[[Note]]"`; YAML needs the
// quotes), and so does kbsearch: backlinks, broken links and orphans count
// them like the links of the body.
#ifndef KB_SRC_PROPERTY_LINKS_H_
#define KB_SRC_PROPERTY_LINKS_H_

#include <vector>

#include "kb/note.h"
#include "note/front_matter.h"

namespace kb {

// The links to notes and files in the top-level scalars and list items of
// `front`, in file order: wikilinks, embeds and Markdown links, wherever in
// the value they are ("see [[A]] and [[B]]" gives two). URLs are not links
// here: a `url:` property names a site, it does not link the note to it.
// Values nested deeper (a map inside a map) are not read. Each link is on
// the file line of its value (TOML's values are on their key's line) and
// its context is "KEY: VALUE" as a reader sees it, each link shown by its
// text: `link: "[[Episode IV]]"` gives "link: Episode IV", and
// `- "[[Note|the note]]"` under `up:` gives "up: the note".
std::vector<Link> property_links(const FrontMatter& front);

}  // namespace kb

#endif  // KB_SRC_PROPERTY_LINKS_H_
