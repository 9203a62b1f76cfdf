// Markdown: the structure and plain text of a note body, from cmark's AST.
#ifndef KB_SRC_MARKDOWN_H_
#define KB_SRC_MARKDOWN_H_

#include <string>
#include <vector>

#include "kb/note.h"
#include "note/inline_text.h"

namespace kb {

// A link or image node as cmark gives it.
struct RawLink {
  std::string destination;  // as written, maybe percent-encoded
  std::string text;         // inline text of the link, alt text of an image
  int line = 0;
  bool image = false;
  bool autolink = false;    // <https://...>
  // Index into MarkdownDocument::blocks of the block it is in, and where its
  // text is in Block::text. -1 when the block was dropped for having nothing
  // to read (a paragraph of one bare image).
  int block = -1;
  TextSpan span;
};

// Where the bytes of a block's markup text (MarkdownDocument::markup) are in
// its Block::text. The two are the same bytes but for a few pieces: a code
// span, raw HTML or a link whose text is a URL is one placeholder in the
// markup, an escaped "\[" is a stand-in (template_tags.h) there but '['
// in the text, and a wikilink is its body there but its display text here.
// Links found in the markup are shown from the text.
class MarkupToText {
 public:
  // After a piece that differs: markup offset `markup` is text offset `text`,
  // and the two go on byte for byte from there.
  void add(std::size_t markup, std::size_t text);
  // Forgets what was added past markup offset `markup`: the markup is cut
  // back to it.
  void drop_after(std::size_t markup);
  // The text offset of markup offset `markup`. Exact outside the pieces
  // that differ, so for every link, tag or URL found in the markup; inside
  // one, a place in the piece's text.
  std::size_t text_offset(std::size_t markup) const;

 private:
  struct Anchor {
    std::size_t markup;
    std::size_t text;
  };
  std::vector<Anchor> anchors_;  // in markup order
};

struct MarkdownDocument {
  std::vector<Heading> headings;
  std::vector<Block> blocks;  // in document order
  // For each block, the inline text where tags and links are looked for:
  // like Block::text, but each code span, raw HTML and autolink is one
  // kInlinePlaceholder (inline_text.h), a placeholder ends each link's text,
  // and a wikilink is its body between the stand-ins of template_tags.h
  // where Block::text has its display text. Empty for code and HTML blocks.
  std::vector<std::string> markup;
  std::vector<MarkupToText> markup_to_text;  // for each block, as markup
  // For each block, the innermost list item it is in (an index into
  // item_parents), or -1.
  std::vector<int> block_items;
  // For each list item in document order, the item it is nested in, or -1.
  std::vector<int> item_parents;
  std::vector<RawLink> links;  // in document order
  // Raw HTML (blocks and inline) and code-fence info strings, as written.
  std::vector<std::string> hidden_text;
};

// Parses CommonMark `text` (valid UTF-8, front matter already blanked, and
// passed through strip_template_tags) into headings and leaf blocks of
// plain text. Inline markup is dropped and its text kept (link text, image
// alt text, code spans, a wikilink's display text); raw HTML loses its
// tags. No stand-in of template_tags.h is left in any text.
// Iterative, so deeply nested input cannot overflow the stack.
MarkdownDocument parse_markdown(const std::string& text);

}  // namespace kb

#endif  // KB_SRC_MARKDOWN_H_
