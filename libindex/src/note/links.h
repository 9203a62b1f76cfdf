// Links: what a note links to, as written (resolution is the link graph's).
#ifndef KB_SRC_LINKS_H_
#define KB_SRC_LINKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "kb/note.h"
#include "note/inline_text.h"

namespace kb {

// Decodes %XX escapes (UTF-8 bytes, so "%E5%A4%A7" is "大"). Malformed
// escapes stay as written, and so do escapes that would make invalid UTF-8.
std::string percent_decode(std::string_view s);

// `s` with every byte but ASCII letters, digits, "-._~" and `keep`
// written as %XX (upper case), as a URL's path or query value needs it:
// percent_encode("笔记/a b.md", "/") is "%E7%AC%94%E8%AE%B0/a%20b.md".
std::string percent_encode(std::string_view s, std::string_view keep = {});

// True when `destination` starts with a URL scheme and ':' ("https:",
// "mailto:", "file:"; url_scheme_length in url_scan.h), not with a Windows
// drive letter ("C:\notes").
bool has_url_scheme(std::string_view destination);

// A link of `kind` (kMarkdown, kImage or kAutolink) to `destination` as
// cmark gives it (raw, maybe percent-encoded): splits off the '#anchor' at
// the first '#'. For a link to a note or file, target and anchor are
// percent-decoded; an external link (a scheme, or "//host") keeps both as
// written and is marked `external`.
Link make_markdown_link(Link::Kind kind, std::string_view destination,
                        std::string text, int line);

// Wikilinks, embeds and bare URLs in one block's markup text (see
// find_inline_tags in tags.h for what markup is; a wikilink arrives between
// the stand-ins of template_tags.h, and may span what were several inline
// nodes, "[[a *b* c]]" arrives as "a b c" between them).
// - "[[target]]", "[[target|alias]]", "[[target#heading]]",
//   "[[target#heading|alias]]", "[[#heading]]" (target "" = this note), and
//   "![[target]]" (kEmbed). Block refs "[[target#^id]]" keep "^id" as anchor.
//   A wikilink does not span lines. Target and anchor are trimmed.
//   A wikilink holding a code span or raw HTML (U+FFFC in markup) is no
//   link: "[[<plugin-id>]]" is a placeholder in a template.
//   Wikilink targets are not percent-decoded (Obsidian takes them
//   literally); the text is the alias, "" without one.
// - Bare URLs, as url_scan.h delimits them ("https://x/wiki/注意力#历史",
//   "obsidian://open?vault=a"): kUrl, external.
// Lines count from `first_line`. When `spans` is given, where each link is
// written in `markup` is appended to it, in the order of the links
// ("![[a]]" from its '!').
std::vector<Link> find_text_links(std::string_view markup, int first_line,
                                  std::vector<TextSpan>* spans = nullptr);

// What a reader sees of the wikilink (or, when `embed`, the embed) whose
// body is `body`, the markup between its stand-ins (template_tags.h): the
// alias ("[[a|b]]" shows "b"; an embed's size "![[x.png|300]]" is none),
// else the target with its heading path ("[[a#h1#h2]]" shows "a > h1 >
// h2", "[[#h]]" shows "h"), as Obsidian shows them. A body that is no link
// ("[[]]") shows as written. Never holds a stand-in or U+FFFC.
std::string wikilink_display_text(std::string_view body, bool embed);

// The link a Hexo template tag stands for, if any: `body` is what is between
// "{%" and "%}". "post_link slug [title]" (and "post_path slug") gives
// kPostLink with target slug, split at '#' into target and anchor;
// "asset_link path [title]" (and "asset_path") gives kAssetLink. Arguments
// may be quoted ("post_link 'my post' \"Title\""); Hexo's final true/false
// escape flag is not part of the title. Empty target: no link.
std::vector<Link> links_from_template_tag(std::string_view body, int line);

// How many code points of its line a link's context shows at the most, the
// link's own included (Link::context).
inline constexpr std::size_t kContextCodePoints = 160;

// The context of a link written at `link` in `line` (valid UTF-8, one line
// of a block's text): the whole line when it has at most kContextCodePoints
// code points; else that many code points with the link in the middle, or
// as near it as the line's ends allow, and "…" at each end where the line
// is cut. A link longer than that shows its first kContextCodePoints.
std::string link_context(std::string_view line, TextSpan link);

}  // namespace kb

#endif  // KB_SRC_LINKS_H_
