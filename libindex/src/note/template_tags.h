// Template tags: Hexo and Jekyll '{% ... %}' and '{{ ... }}' markup.
#ifndef KB_SRC_TEMPLATE_TAGS_H_
#define KB_SRC_TEMPLATE_TAGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace kb {

// Stand-ins (private-use characters) for the escaped "\[", "\]" and "\#"
// outside code: cmark passes them through, the tag and link extractors see
// no bracket or hash in them, and markdown.cc shows them as the characters.
inline constexpr std::string_view kEscapedOpenBracket = "\xEE\x80\x80";   // U+E000
inline constexpr std::string_view kEscapedCloseBracket = "\xEE\x80\x81";  // U+E001
inline constexpr std::string_view kEscapedHash = "\xEE\x80\x82";          // U+E002

// A removed "{% ... %}" tag: what was between the braces, trimmed
// ("post_link Transformer"), and its file line.
struct TemplateTag {
  std::string body;
  int line = 0;
};

// Replaces the escapes above and the bracket that opens a footnote
// definition ("[^1]: text", which cmark would read as a link reference
// definition), and removes every '{% ... %}' and '{{ ... }}'
// and every Obsidian comment
// '%% ... %%' (unclosed: to the end), from `text` outside fenced code
// blocks and code spans, keeping the text between an opening and a closing tag and every
// line break, so that line numbers stay true. Returns the removed '{% %}'
// tags (not the '{{ }}' expressions), for the links some of them make.
std::vector<TemplateTag> strip_template_tags(std::string& text);

}  // namespace kb

#endif  // KB_SRC_TEMPLATE_TAGS_H_
