#include "note/template_tags.h"

#include <algorithm>
#include <string_view>

#include "text/whitespace.h"

namespace kb {

namespace {

// The fence ("```" or "~~~", maybe longer) that `line` opens, or "".
std::string_view fence_of(std::string_view line) {
  std::size_t indent = line.find_first_not_of(' ');
  if (indent == std::string_view::npos || indent > 3) return {};
  line.remove_prefix(indent);
  if (line.empty() || (line[0] != '`' && line[0] != '~')) return {};
  std::size_t n = line.find_first_not_of(line[0]);
  if (n == std::string_view::npos) n = line.size();
  return n >= 3 ? line.substr(0, n) : std::string_view{};
}

bool closes_fence(std::string_view line, std::string_view fence) {
  std::string_view f = fence_of(line);
  if (f.empty() || f[0] != fence[0] || f.size() < fence.size()) return false;
  std::size_t indent = line.find_first_not_of(' ');
  std::string_view rest = line.substr(indent + f.size());
  return rest.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string_view escaped_stand_in(char c) {
  switch (c) {
    case '[': return kEscapedOpenBracket;
    case ']': return kEscapedCloseBracket;
    case '#': return kEscapedHash;
    default: return {};
  }
}

// The end of the code span whose opening backtick run starts at `open`: the
// position after a closing run of the same length, or npos when none.
std::size_t code_span_end(std::string_view piece, std::size_t open) {
  std::size_t run = 0;
  while (open + run < piece.size() && piece[open + run] == '`') ++run;
  for (std::size_t pos = open + run; pos < piece.size();) {
    const std::size_t at = piece.find('`', pos);
    if (at == std::string_view::npos) return std::string_view::npos;
    std::size_t len = 0;
    while (at + len < piece.size() && piece[at + len] == '`') ++len;
    if (len == run) return at + len;
    pos = at + len;
  }
  return std::string_view::npos;
}

// True when `piece` holds, at `open` (a '['), the start of a footnote
// definition "[^label]:" at the start of a line (up to three spaces in).
bool footnote_definition_at(std::string_view piece, std::size_t open) {
  // Only the up to three characters before it are looked at, so that a
  // line of many brackets stays linear.
  std::size_t indent = 0;
  while (indent < open && indent <= 3 && piece[open - indent - 1] == ' ') ++indent;
  const bool line_start = indent == open || piece[open - indent - 1] == '\n';
  if (!line_start || indent > 3 || piece.compare(open, 2, "[^") != 0) return false;
  const std::size_t close = piece.find_first_of("]\n \t", open + 2);
  return close != std::string_view::npos && close > open + 2 && piece[close] == ']' &&
         close + 1 < piece.size() && piece[close + 1] == ':';
}

// A wikilink body is at most this long: a file name is at most 255 bytes,
// and the bound keeps a line of many unclosed "[[" linear.
constexpr std::size_t kMaxWikilinkBody = 1024;

// Where the wikilink whose "[[" is at piece[open] ends (just past its
// "]]"), or npos. Its body is on one line, holds no backtick (code is never
// a link), and may hold single brackets in balanced pairs, as Foam reads
// "[[[page] d]]" (target "[page] d"); "\[", "\]" and "\#" are escapes. Not
// when "(" follows it: "[[x]](url)" is CommonMark's link with text "[x]".
// When there is none, *resume is where the next "[[" may start one: past
// the body when it held no "]]" at all, since no later "[[" in it could
// close either.
std::size_t wikilink_end(std::string_view piece, std::size_t open, std::size_t* resume) {
  const std::size_t limit = std::min(piece.size(), open + 2 + kMaxWikilinkBody);
  int depth = 0;
  bool saw_close = false;
  std::size_t j = open + 2;
  for (; j < limit; ++j) {
    const char c = piece[j];
    if (c == '\n' || c == '`') break;
    if (c == '\\') {
      ++j;  // the escaped character is text
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      const bool pair = j + 1 < piece.size() && piece[j + 1] == ']';
      saw_close = saw_close || pair;
      if (depth == 0) {
        // "[[x]](url)" is a Markdown link whose text is "[x]", as CommonMark
        // sites (VuePress, docsify) show it.
        if (pair && piece.compare(j + 2, 1, "(") != 0) return j + 2;
        break;
      }
      --depth;
    }
  }
  *resume = saw_close ? open + 1 : std::max(open + 1, std::min(j, limit));
  return std::string_view::npos;
}

// Appends the wikilink piece[open, end) to `out` with its stand-ins; when
// `embed`, the '!' before it is already the last byte of `out`.
void append_wikilink(std::string_view piece, std::size_t open, std::size_t end, bool embed,
                     std::string& out) {
  if (embed) out.pop_back();
  out.append(embed ? kEmbedOpen : kWikilinkOpen);
  for (std::size_t k = open + 2; k + 2 < end; ++k) {
    const char c = piece[k];
    const char next = k + 3 < end ? piece[k + 1] : '\0';
    if (c == '\\' && !escaped_stand_in(next).empty()) {
      out.append(escaped_stand_in(next));
      ++k;
    } else if (c == '\\' && next != '\0') {
      out.append(piece.substr(k, 2));  // "\|" is cmark's to read
      ++k;
    } else if (c == '[' || c == ']') {
      out.append(escaped_stand_in(c));
    } else {
      out += c;
    }
  }
  out.append(kWikilinkClose);
}

// Appends `piece` (text outside fenced code that starts on `line`) to `out`
// without its template tags, and records each "{% ... %}" with its line.
// Code spans are copied as they are: `{{ x }}` in backticks is an example.
void strip_in(std::string_view piece, int line, std::string& out,
              std::vector<TemplateTag>& tags, std::vector<std::string>& comments) {
  const auto copy = [&](std::string_view text) {
    out.append(text);
    line += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  };
  std::size_t pos = 0;
  std::size_t no_wikilink_before = 0;  // no "[[" before it opens a wikilink
  while (pos < piece.size()) {
    const std::size_t open = piece.find_first_of("{`%\\[", pos);
    if (open == std::string_view::npos) break;
    if (piece[open] == '[') {
      // cmark 0.30 has no footnotes: "[^1]: text" would be a link reference
      // definition, "text" a link. With its bracket a stand-in, the
      // definition is a paragraph, as Obsidian and GitHub show it.
      copy(piece.substr(pos, open - pos));
      std::size_t resume = open + 1;
      const std::size_t wikilink =
          open >= no_wikilink_before && piece.compare(open, 2, "[[") == 0
              ? wikilink_end(piece, open, &resume)
              : std::string_view::npos;
      if (wikilink != std::string_view::npos) {
        const bool embed = open > 0 && piece[open - 1] == '!' &&
                           !(open > 1 && piece[open - 2] == '\\');
        append_wikilink(piece, open, wikilink, embed, out);
        pos = wikilink;
        continue;
      }
      if (footnote_definition_at(piece, open)) {
        out.append(kEscapedOpenBracket);
      } else {
        copy(piece.substr(open, 1));
      }
      no_wikilink_before = std::max(no_wikilink_before, resume);
      pos = open + 1;
      continue;
    }
    if (piece[open] == '\\') {
      // "\[", "\]" and "\#" are text, never a wikilink or a tag: they become
      // stand-ins that markdown.cc turns back into the characters.
      copy(piece.substr(pos, open - pos));
      const char next = open + 1 < piece.size() ? piece[open + 1] : '\0';
      const std::string_view stand_in = escaped_stand_in(next);
      // "\\" stays a pair, and "\`" opens no code span: its backtick is text.
      const bool pair = next == '\\' || next == '`';
      if (!stand_in.empty()) {
        out.append(stand_in);
      } else {
        copy(piece.substr(open, pair ? 2 : 1));
      }
      pos = open + (stand_in.empty() && !pair ? 1 : 2);
      continue;
    }
    if (piece[open] == '%') {
      if (piece.compare(open, 2, "%%") != 0) {
        copy(piece.substr(pos, open + 1 - pos));
        pos = open + 1;
        continue;
      }
      // An Obsidian comment: not shown, so neither text, tags nor links.
      // Unclosed, it runs to the end, as in Obsidian.
      copy(piece.substr(pos, open - pos));
      const std::size_t close = piece.find("%%", open + 2);
      const std::size_t end = close == std::string_view::npos ? piece.size() : close + 2;
      const std::string_view comment = piece.substr(open, end - open);
      const std::string_view inside = piece.substr(
          open + 2, (close == std::string_view::npos ? piece.size() : close) - (open + 2));
      if (!trim_ascii_whitespace(inside).empty()) comments.emplace_back(inside);
      const auto breaks = std::count(comment.begin(), comment.end(), '\n');
      out.append(static_cast<std::size_t>(breaks), '\n');
      line += static_cast<int>(breaks);
      pos = end;
      continue;
    }
    if (piece[open] == '`') {
      const std::size_t span_end = code_span_end(piece, open);
      std::size_t next = span_end;
      if (next == std::string_view::npos) {  // no closing run: plain backticks
        next = open;
        while (next < piece.size() && piece[next] == '`') ++next;
      }
      copy(piece.substr(pos, next - pos));
      pos = next;
      continue;
    }
    const char kind = open + 1 < piece.size() ? piece[open + 1] : '\0';
    const std::string_view close = kind == '%' ? "%}" : "}}";
    const std::size_t end = (kind == '%' || kind == '{')
                                ? piece.find(close, open + 2)
                                : std::string_view::npos;
    if (end == std::string_view::npos) {
      // Not a tag, or an unclosed one: text. Later tags still count.
      copy(piece.substr(pos, open + 1 - pos));
      pos = open + 1;
      continue;
    }
    copy(piece.substr(pos, open - pos));
    const std::string_view tag = piece.substr(open, end + close.size() - open);
    if (kind == '%') {
      const std::string_view body = tag.substr(2, tag.size() - 4);
      tags.push_back(TemplateTag{std::string(trim_ascii_whitespace(body)), line, out.size()});
    }
    const auto breaks = std::count(tag.begin(), tag.end(), '\n');
    out.append(static_cast<std::size_t>(breaks), '\n');
    line += static_cast<int>(breaks);
    pos = end + close.size();
  }
  copy(piece.substr(pos));
}

}  // namespace

std::vector<TemplateTag> strip_template_tags(std::string& text,
                                             std::vector<std::string>& comments) {
  std::string out;
  out.reserve(text.size());
  std::vector<TemplateTag> tags;
  std::string_view open_fence;
  std::size_t outside_start = 0;  // start of text outside code, not yet copied
  int outside_line = 1;
  int line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string_view current(text.data() + pos, end - pos);
    if (open_fence.empty()) {
      open_fence = fence_of(current);
      if (!open_fence.empty()) {
        strip_in(std::string_view(text).substr(outside_start, pos - outside_start),
                 outside_line, out, tags, comments);
        out.append(current);
        outside_start = end;
        outside_line = line + 1;
      }
    } else {
      out.append(current);
      if (closes_fence(current, open_fence)) open_fence = {};
      outside_start = end;
      outside_line = line + 1;
    }
    pos = end;
    ++line;
  }
  strip_in(std::string_view(text).substr(outside_start), outside_line, out, tags, comments);
  text = std::move(out);
  return tags;
}

std::string_view stand_in_written(std::string_view s, bool escapes_as_written) {
  // Every stand-in starts with the byte 0xEE; most text has none.
  if (s.empty() || s[0] != '\xEE') return {};
  const std::string_view head = s.substr(0, 3);
  if (head == kEscapedOpenBracket) return escapes_as_written ? "\\[" : "[";
  if (head == kEscapedCloseBracket) return escapes_as_written ? "\\]" : "]";
  if (head == kEscapedHash) return escapes_as_written ? "\\#" : "#";
  if (head == kWikilinkOpen) return "[[";
  if (head == kEmbedOpen) return "![[";
  if (head == kWikilinkClose) return "]]";
  return {};
}

std::string without_stand_ins(std::string_view text, bool escapes_as_written) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view written = stand_in_written(text.substr(i), escapes_as_written);
    if (written.empty()) {
      out += text[i++];
    } else {
      out += written;
      i += 3;
    }
  }
  return out;
}

}  // namespace kb
