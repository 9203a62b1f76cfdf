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

// Stand-ins for the brackets of a wikilink: "[[" (U+E003), "![[" (U+E004)
// and "]]" (U+E005). With them cmark sees no bracket in "[[note]]", so a
// reference definition "[note]: note.md" (Foam writes one for each wikilink)
// cannot turn it into a Markdown link; '[' and ']' inside the wikilink become
// the escaped stand-ins above. markdown.cc shows a wikilink as its display
// text, and find_text_links (links.h) reads it back from the markup.
inline constexpr std::string_view kWikilinkOpen = "\xEE\x80\x83";   // U+E003
inline constexpr std::string_view kEmbedOpen = "\xEE\x80\x84";      // U+E004
inline constexpr std::string_view kWikilinkClose = "\xEE\x80\x85";  // U+E005

// The code points of all the stand-ins above. None is part of a URL.
inline constexpr char32_t kFirstStandIn = 0xE000;
inline constexpr char32_t kLastStandIn = 0xE005;

// What the stand-in at the start of `s` stands for, or "" when `s` starts
// with none. An escape is the character it shows ("[") or, where Markdown
// escapes mean nothing (code, raw HTML: `escapes_as_written`), as written
// ("\\[").
std::string_view stand_in_written(std::string_view s, bool escapes_as_written = false);

// `text` with every stand-in turned back into what it stands for, as
// stand_in_written() says.
std::string without_stand_ins(std::string_view text, bool escapes_as_written = false);

// A removed "{% ... %}" tag: what was between the braces, trimmed
// ("post_link Transformer"), its file line, and where it was in the text
// strip_template_tags() leaves (a byte offset), for a renderer that puts
// something in its place.
struct TemplateTag {
  std::string body;
  int line = 0;
  std::size_t offset = 0;
};

// Replaces the escapes above, the brackets of wikilinks and the bracket that
// opens a footnote definition ("[^1]: text", which cmark would read as a
// link reference definition), and removes every '{% ... %}' and '{{ ... }}'
// and every Obsidian comment '%% ... %%' (unclosed: to the end), from `text`
// outside fenced code blocks and code spans, keeping the text between an
// opening and a closing tag and every line break, so that line numbers stay
// true. Returns the removed '{% %}' tags (not the '{{ }}' expressions), for
// the links some of them make; the text of each comment, without its "%%",
// is added to `comments` (searchable, never shown).
std::vector<TemplateTag> strip_template_tags(std::string& text,
                                             std::vector<std::string>& comments);

}  // namespace kb

#endif  // KB_SRC_TEMPLATE_TAGS_H_
