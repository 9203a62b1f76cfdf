// Note HTML: the body of a note as a browser shows it, rendered by cmark.
//
// The note is read as parse_note() reads it (decoded, front matter and
// template tags left out but for the links Hexo's make, the text between
// {% fold %} and {% endfold %} kept), so that what the page shows is what the index holds. Where its
// links and images lead is the caller's to say (the graph stage resolves
// them against the knowledge base): this stage only knows the note.
#ifndef KB_SRC_NOTE_NOTE_HTML_H_
#define KB_SRC_NOTE_NOTE_HTML_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/note.h"
#include "kb/vocabulary.h"

namespace kb {

// Where one link or image of a note leads in its HTML.
struct HtmlTarget {
  enum class Kind {
    kNote,      // another note (or a heading of one)
    kFile,      // a file of the knowledge base that is not a note: an image
    kExternal,  // a URL
    kBroken,    // nothing: a broken or ambiguous link
  };
  Kind kind = Kind::kBroken;
  std::string href;   // where it points, URL-encoded; unused for kBroken
  std::string title;  // shown on hover: the target, or why it is broken
};

// Says where `link` (as parse_note() reads it: kMarkdown, kImage,
// kAutolink, kWikilink or kEmbed, with its line) leads.
using HtmlTargetOf = std::function<HtmlTarget(const Link& link)>;

// `bytes`, the file of a note, as an HTML fragment: CommonMark with
// GitHub's tables, ~~strikethrough~~ and task lists, rendered by cmark-gfm
// as safely as its safe mode: raw HTML is left out (as
// "<!-- raw HTML omitted -->"), and no URL is written but those below.
// Then:
// - a link is <a href class="note|file|external"> as `target_of` says, or
//   <a class="broken"> with no href; each has the target's `title`;
// - an image or embed of a kFile target is <img src alt>; of a note, a
//   link to it; an external image is a link, so that the page loads
//   nothing from outside; a broken one is <span class="broken">;
// - wikilinks ([[note|alias]]) are links like Markdown ones, shown by
//   their alias or target, and so are Hexo's {% post_link slug [title] %}
//   and {% asset_link path [title] %}, where the tag was;
// - the i-th heading gets the id `headings[i].slug` (the note's headings as
//   parse_note() gives them), so that a link to it can scroll there.
// Attribute values are escaped; so is every text. Never fails: bytes
// that do not decode render as parse_note() reads them, with U+FFFD.
// Thread-safe when `target_of` is.
std::string note_html(std::string_view bytes, const Vocabulary& vocabulary,
                      const std::vector<Heading>& headings, const HtmlTargetOf& target_of);

}  // namespace kb

#endif  // KB_SRC_NOTE_NOTE_HTML_H_
