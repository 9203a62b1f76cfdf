// Markdown: the structure and plain text of a note body, from cmark's AST.
#ifndef KB_SRC_MARKDOWN_H_
#define KB_SRC_MARKDOWN_H_

#include <string>
#include <vector>

#include "kb/note.h"

namespace kb {

// A link or image node as cmark gives it.
struct RawLink {
  std::string destination;  // as written, maybe percent-encoded
  std::string text;         // inline text of the link, alt text of an image
  int line = 0;
  bool image = false;
  bool autolink = false;    // <https://...>
};

struct MarkdownDocument {
  std::vector<Heading> headings;
  std::vector<Block> blocks;  // in document order
  // For each block, the inline text where tags and links are looked for:
  // like Block::text, but each code span, raw HTML and autolink is one
  // kInlinePlaceholder (inline_text.h). Empty for code and HTML blocks.
  std::vector<std::string> markup;
  std::vector<RawLink> links;  // in document order
  // Raw HTML (blocks and inline) and code-fence info strings, as written.
  std::vector<std::string> hidden_text;
};

// Parses CommonMark `text` (valid UTF-8, front matter already blanked) into
// headings and leaf blocks of plain text. Inline markup is dropped and its
// text kept (link text, image alt text, code spans); raw HTML loses its tags.
// Iterative, so deeply nested input cannot overflow the stack.
MarkdownDocument parse_markdown(const std::string& text);

}  // namespace kb

#endif  // KB_SRC_MARKDOWN_H_
