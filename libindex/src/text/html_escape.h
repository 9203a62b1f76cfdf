// HTML escaping, for the note stage's rendered notes and the graph stage's
// Graphviz HTML-like labels.
#ifndef KB_SRC_TEXT_HTML_ESCAPE_H_
#define KB_SRC_TEXT_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace kb {

// `text` with '&', '<', '>' and '"' as character references: safe as HTML
// text and as a double-quoted attribute value. Other bytes are kept.
std::string escape_html(std::string_view text);

}  // namespace kb

#endif  // KB_SRC_TEXT_HTML_ESCAPE_H_
