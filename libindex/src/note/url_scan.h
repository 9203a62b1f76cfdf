// URL scan: the one grammar of URLs written as plain text ("bare URLs"). A
// bare URL is a link (links.h), and a '#' inside one is its fragment, never
// a tag (tags.h), so both read URLs here and agree on where they end.
//
// Grammar (examples in fixtures/spec/links.md and fixtures/spec/tags.md):
// - Start: "scheme://" or "www.", in any case. A scheme is an ASCII letter,
//   then ASCII letters, digits, '+', '-' or '.', 2 to 32 characters in all:
//   "https://", "ftp://", "obsidian://open?vault=a", "zotero://select".
// - Not inside an ASCII word: never right after an ASCII letter or digit.
//   A scheme is read as a whole word, so "链接https://x" starts at 'h', and
//   "xhttps://x" is the URL of the scheme "xhttps", never "https://x". "www."
//   also not right after '.', '-', '_', '/', '@' or ':': in "a.www.b",
//   "x.org/www.y" or "me@www.x" it is part of a host, a path or an address.
// - The character after the prefix is an ASCII letter or digit, or a letter
//   of another script ("https://例子.测试"). So "https://", "https://.",
//   "file:///x" and "www.." are no URLs. Checking this before the body is
//   read keeps a scan that finds no URL short, which keeps text like
//   "https://.https://.https://..." linear.
// - Body: any character but those that end a URL, which are: ASCII
//   whitespace and controls, '<', '>', '"', '`', '|' (a table cell ends
//   there), the inline placeholder U+FFFC (inline_text.h), the stand-ins
//   of template_tags.h (a wikilink or an escape ends a URL), U+FEFF, invalid
//   UTF-8, and the punctuation and spaces of U+0080-U+00A0 (C1 controls,
//   NBSP), U+2000-U+206F (“quotes”, —, …), U+3000-U+303F (、。「」) and
//   the full-width forms U+FF01-FF0F, FF1A-FF20, FF3B-FF40, FF5B-FF65
//   ("，", "）", "："). Letters, marks and digits of every script stay in
//   the URL, CJK, kana and hangul included, as GitHub and Obsidian keep them:
//   "https://x/wiki/注意力#历史" is one URL, and "见 https://x/a，然后" ends
//   before "，". The letters and numbers inside U+3000-U+303F ("々", "〇")
//   stay too.
// - End: a trailing '.', ',', ';', ':', '!', '?' or '\'' belongs to the
//   sentence, not the URL, and so does a trailing ')' or ']' without a
//   partner inside the URL: "(see https://x.org/a)." gives "https://x.org/a",
//   "https://en.wikipedia.org/wiki/A_(b)" keeps its ')'.
#ifndef KB_SRC_URL_SCAN_H_
#define KB_SRC_URL_SCAN_H_

#include <cstddef>
#include <string_view>

namespace kb {

// The length in bytes of the bare URL that starts at text[i], or 0 when
// none starts there, also when text[i] is inside an ASCII word (the
// characters before i are looked at). REQUIRES: i < text.size().
std::size_t bare_url_length(std::string_view text, std::size_t i);

// True when a bare URL starts anywhere in `text`.
bool contains_bare_url(std::string_view text);

// The length of the URL scheme at text[i] when a ':' follows it ("mailto"
// in "mailto:a@b.c", "https" in "https://x"), or 0. A single letter is no
// scheme: "C:\notes" is a Windows drive.
std::size_t url_scheme_length(std::string_view text, std::size_t i);

}  // namespace kb

#endif  // KB_SRC_URL_SCAN_H_
