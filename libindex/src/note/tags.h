// Tags: the #tag grammar and the tags of front matter.
//
// Grammar (also in libindex/README.md, with examples in fixtures/spec/tags.md):
// - An inline tag is '#' (or the full-width '＃') and a body. It starts at
//   the start of a line, after whitespace, or after punctuation that is not
//   ASCII or a CJK symbol (after "，" or "。"); never after ASCII
//   punctuation, a letter or a digit ("C#", "a#b", "(#x)"), never inside
//   code, raw HTML, link destinations or URLs (url_scan.h: "https://x/#frag",
//   "https://x/wiki/注意力#历史"), and never as a heading marker ("# Title":
//   '#' followed by a space is not a tag). A URL also ends a body.
// - The body is Unicode letters, digits and marks, '_', '-', '/', and emoji.
//   It ends at whitespace, at ASCII punctuation other than "_-/", and at
//   full-width punctuation ("，。；：！？、（）【】「」"). Trailing '/' and
//   '-' are not part of it.
// - A body without a letter or emoji is not a tag ("#123", "#2024-10").
// - "a/b" is nested: it is below "a".
// - Tags compare case-insensitively (NFKC case folding, root locale).
// - "\#tag" is text, as Obsidian reads it (template_tags.h).
// - A tag in link text ends with it: "[see #a](u)b" is the tag "a".
// - Obsidian comments "%% ... %%" hold no tags.
#ifndef KB_SRC_TAGS_H_
#define KB_SRC_TAGS_H_

#include <string>
#include <string_view>
#include <vector>

#include "kb/note.h"

namespace kb {

// The inline tags of one block. `markup` is the block's inline text
// (inline_text.h), without link destinations and with a placeholder for
// each code span and raw HTML; '\n' separates its lines, the first of which
// is file line `first_line`. Bare URLs in `markup` are skipped. Tags get
// Source::kInline, their line and `block`.
std::vector<Tag> find_inline_tags(std::string_view markup, int first_line,
                                  int block);

// The tags a front-matter string value stands for: one tag, or several when
// it contains commas, ',' or '，' ("a, b" -> "a", "b"); each trimmed, a
// leading '#' or '＃' dropped, empty ones left out. The inline grammar does
// not apply: "C++" and "2024" are tags here.
std::vector<std::string> split_tag_value(std::string_view value);

// A front-matter list item as a tag: trimmed, a leading '#' dropped; "" when
// nothing is left.
std::string tag_from_item(std::string_view item);

// The key two tags compare by: NFKC case folding ("LLM" and "llm" agree).
std::string tag_key(std::string_view name);

// True when tag `name` is `prefix` or nested below it, case-insensitively:
// "模型/注意力" is below "模型", "模型x" is not.
bool tag_is_below(std::string_view name, std::string_view prefix);

}  // namespace kb

#endif  // KB_SRC_TAGS_H_
