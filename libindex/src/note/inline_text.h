// Inline text: the markup text of a block (MarkdownDocument::markup), the
// text where tags, wikilinks and bare URLs are looked for.
#ifndef KB_SRC_INLINE_TEXT_H_
#define KB_SRC_INLINE_TEXT_H_

#include <cstddef>
#include <string_view>

namespace kb {

// U+FFFC OBJECT REPLACEMENT CHARACTER: what markdown.cc puts in inline text
// for each code span, raw HTML, autolink and link whose text is a URL. Those
// are never a source of tags or links, yet removing them outright would join
// the text on either side; so one character stands for each, and it belongs
// to no tag, wikilink or URL: "#t`x`" is the tag "t", "[[a `b` c]]" is no
// wikilink, "https://a.org`x`" ends before the code span. No tag starts
// right after it either ("`x`#t" is no tag).
inline constexpr char32_t kInlinePlaceholder = 0xFFFC;
inline constexpr std::string_view kInlinePlaceholderUtf8 = "\xEF\xBF\xBC";

// Where something stands in a block's text or markup text: bytes [begin, end).
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

}  // namespace kb

#endif  // KB_SRC_INLINE_TEXT_H_
