// Links: what a note links to, as written.
//
// Decisions (examples in fixtures/spec/links.md, tests in
// tests/unit/note/links_test.cc):
//
// percent_decode
// - Every well-formed %XX is decoded, "%2F" too ('/' is an ordinary path
//   character here, and the link graph only sees decoded paths). Hex digits
//   may be upper or lower case. '+' stays '+' (that is form encoding, not URL
//   path encoding).
// - A run of escapes is decoded as UTF-8; a byte that would not be part of a
//   valid UTF-8 sequence keeps its "%XX" as written ("%E5%A4" alone, "%FF").
//   "%00" stays as written too: a NUL is never part of a file name.
//
// make_markdown_link
// - The destination is split at its first '#': "#anchor" alone gives target
//   "" (this note) and the anchor; "a.md#b#c" gives anchor "b#c". The split
//   comes before decoding, so "%23" is a '#' in the name, not an anchor.
// - Notes and files (no scheme): target and anchor are percent-decoded.
//   "<my note.md>" arrives from cmark as "my note.md" and is used as is; a
//   query ("a.md?x=1") stays in the target.
// - External links (has_url_scheme, or a protocol-relative "//host/..."):
//   target is the URL as written up to the '#', anchor the fragment as
//   written; neither is decoded, because decoding changes what a URL means
//   ("%2F", "%3F", "%23") and the target must stay usable as a URL.
//   "https://docsify.js.org/#/zh-cn/" gives target "https://docsify.js.org/"
//   and anchor "/zh-cn/". mailto:, file:, javascript:, obsidian: are
//   external.
// - `raw` is always the destination exactly as given.
//
// find_text_links: wikilinks
// - Where a wikilink is written is decided before cmark reads the note
//   (template_tags.cc), so that a reference definition "[x]: x.md" (Foam
//   writes one for each wikilink) cannot make "[[x]]" a Markdown link: "[["
//   body "]]" on one line, with no backtick (code is never a link source),
//   where single brackets come in pairs ("[[[page] d]]" is "[page] d", as
//   Foam reads it; "[[[x]]]" is "[x]"). The markup then holds the body
//   between stand-ins. Raw HTML inside (U+FFFC in the markup) drops it.
// - "\#", "\[" and "\]" in the body are those characters: "[[C\#]]" is the
//   note "C#", not note "C" and an empty anchor (as commonmark-hs and comrak
//   read escapes in wikilinks; Obsidian allows no '#' in a name). `raw`
//   keeps "\#".
// - "\|" counts as '|' (the escape Obsidian needs inside tables). The body
//   is split at its first '|': before is the destination, after is the text
//   ("![[a.png|Figure 4|100]]" has text "Figure 4|100"). The destination is
//   split at its first '#' (Obsidian heading paths "a#h1#h2" keep "h1#h2" as
//   anchor; block refs keep "^id"). Target, anchor and text are trimmed.
// - Without an alias the text is "" (the text of a wikilink is its alias;
//   an embed's alias is often a size: "![[image.png|300]]" has text "300").
// - Wikilink targets are not percent-decoded: Obsidian takes them literally
//   (a file may be named "100% sure.md"). `raw` is the destination part as
//   written (trimmed, "\|" kept), external is false.
// - Empty links ("[[]]", "[[ ]]", "[[#]]", "[[|x]]") give nothing.
//
// find_text_links: bare URLs
// - Where a URL starts and ends is the grammar of url_scan.h, which the tags
//   share so that a URL's '#' is never a tag.
// - kUrl, external; raw and text are the URL as written; target and anchor
//   are split at the first '#' and not decoded (as for external links).
//
// links_from_template_tag
// - The body may carry nunjucks whitespace control ("{%- post_link x -%}").
// - Arguments are split at whitespace; quotes ('...' or "...") group, with
//   '\' escaping the next character inside them; quotes may be glued to
//   other characters (a"b c" is one argument "ab c"), and empty arguments
//   are dropped, as Hexo's tag parser does.
// - post_link and post_path give kPostLink, asset_link and asset_path give
//   kAssetLink; other tags (fold, asset_img, ...) give nothing. The first
//   argument is the target, split at its first '#' like Hexo does; it is
//   not percent-decoded (Hexo matches slugs literally). For *_link, the
//   other arguments joined by ' ' are the text, without a final "true" or
//   "false" (Hexo's escape flag); *_path tags have text "".
//
// link_context
// - A backlink shows the line that links, and a note may have 10,000 links
//   on one line of 300 KB: the context is a window of kContextCodePoints
//   (160) code points of the line, never a whole long line.
// - A line that fits is shown whole, as it is: no "…".
// - Otherwise the window holds the link and as many code points on either
//   side (the odd one after it), or the line's end on one side and the
//   rest on the other. "…" marks each end where the line goes on; it is
//   not counted.
// - Code points, not bytes: Chinese text shows as many characters as Latin
//   text, and a cut never falls inside a UTF-8 sequence (the link's bytes
//   are widened to whole code points first).
// - A link longer than the window shows its start and "…".

#include "note/links.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "note/inline_text.h"
#include "note/template_tags.h"
#include "note/url_scan.h"
#include "text/utf8.h"
#include "text/whitespace.h"

namespace kb {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The byte of a well-formed "%XX" at s[i], or -1.
int escape_at(std::string_view s, std::size_t i) {
  if (i + 2 >= s.size() || s[i] != '%') return -1;
  const int hi = hex_value(s[i + 1]);
  const int lo = hex_value(s[i + 2]);
  if (hi < 0 || lo < 0) return -1;
  return hi * 16 + lo;
}

bool is_external(std::string_view destination) {
  return has_url_scheme(destination) ||
         (destination.size() > 2 && destination[0] == '/' &&
          destination[1] == '/' && destination[2] != '/');
}

// Splits `s` at its first '#' into what comes before and after it.
std::pair<std::string_view, std::string_view> split_anchor(
    std::string_view s) {
  const std::size_t hash = s.find('#');
  if (hash == std::string_view::npos) return {s, std::string_view{}};
  return {s.substr(0, hash), s.substr(hash + 1)};
}

// ---------------------------------------------------------------- wikilinks

// The result of looking for a wikilink whose opening stand-in
// (template_tags.h) is at m[i].
struct WikiScan {
  bool closed = false;   // its closing stand-in was found
  std::size_t end = 0;   // just past the closing stand-in when closed
  std::string_view body;
};

WikiScan scan_wikilink(std::string_view m, std::size_t i) {
  WikiScan scan;
  const std::size_t body_start = i + kWikilinkOpen.size();
  for (std::size_t j = body_start; j < m.size(); ++j) {
    if (m.compare(j, kWikilinkClose.size(), kWikilinkClose) == 0) {
      scan.closed = true;
      scan.body = m.substr(body_start, j - body_start);
      scan.end = j + kWikilinkClose.size();
      return scan;
    }
    // Code or raw HTML inside: no link. The other stand-ins cannot be in
    // a body (template_tags.cc), so nothing found here is skipped.
    if (m[j] == '\n' || m.compare(j, kInlinePlaceholderUtf8.size(), kInlinePlaceholderUtf8) == 0 ||
        m.compare(j, kWikilinkOpen.size(), kWikilinkOpen) == 0 ||
        m.compare(j, kEmbedOpen.size(), kEmbedOpen) == 0) {
      break;
    }
  }
  return scan;
}

// `s` with the escaped stand-ins of a wikilink body shown as the characters
// they stand for ("\\#" as `hash`), and without U+FFFC.
std::string shown_body(std::string_view s, std::string_view hash = "#") {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::string_view head = s.substr(i, 3);
    if (head == kEscapedOpenBracket) {
      out += '[';
    } else if (head == kEscapedCloseBracket) {
      out += ']';
    } else if (head == kEscapedHash) {
      out += hash;
    } else if (head == kInlinePlaceholderUtf8) {
    } else {
      out += s[i++];
      continue;
    }
    i += 3;
  }
  return out;
}

// A wikilink body split at its first '|' (or "\|") and its destination at
// its first '#'; an escaped "\#" is part of the name.
struct WikiParts {
  std::string_view destination;  // before the '|'
  std::string_view target;
  std::string_view anchor;
  std::string_view alias;
  bool piped = false;
};

WikiParts split_wikilink(std::string_view body) {
  WikiParts parts;
  std::size_t pipe = body.find('|');
  std::size_t alias_start = pipe + 1;
  if (pipe != std::string_view::npos && pipe > 0 && body[pipe - 1] == '\\') {
    --pipe;
  }
  parts.piped = pipe != std::string_view::npos;
  parts.destination = parts.piped ? body.substr(0, pipe) : body;
  parts.alias = parts.piped ? body.substr(alias_start) : std::string_view{};
  std::tie(parts.target, parts.anchor) = split_anchor(parts.destination);
  return parts;
}

// The wikilink for `body` (between its stand-ins), or false when empty.
bool make_wikilink(std::string_view body, bool embed, int line, Link& link) {
  const WikiParts parts = split_wikilink(body);
  link = Link{};
  link.kind = embed ? Link::Kind::kEmbed : Link::Kind::kWikilink;
  link.raw = std::string(trim_ascii_whitespace(shown_body(parts.destination, "\\#")));
  link.target = std::string(trim_ascii_whitespace(shown_body(parts.target)));
  link.anchor = std::string(trim_ascii_whitespace(shown_body(parts.anchor)));
  link.text = std::string(trim_ascii_whitespace(shown_body(parts.alias)));
  link.line = line;
  link.external = false;
  return !link.target.empty() || !link.anchor.empty();
}

// True for an embed's alias that is an image size: "300", "100x145".
bool is_image_size(std::string_view alias) {
  const std::size_t x = alias.find('x');
  const auto digits = [](std::string_view d) {
    return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return x == std::string_view::npos ? digits(alias)
                                     : digits(alias.substr(0, x)) && digits(alias.substr(x + 1));
}

// --------------------------------------------------------------- bare URLs

Link make_url_link(std::string_view url, int line) {
  Link link;
  link.kind = Link::Kind::kUrl;
  link.raw = std::string(url);
  const auto [target, anchor] = split_anchor(url);
  link.target = std::string(target);
  link.anchor = std::string(anchor);
  link.text = std::string(url);
  link.line = line;
  link.external = true;
  return link;
}

// ----------------------------------------------------------------- context

constexpr std::string_view kEllipsis = "…";

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `at` (at most s.size()) moved back to the start of the code point it is in.
std::size_t code_point_start(std::string_view s, std::size_t at) {
  while (at > 0 && at < s.size() && is_continuation_byte(s[at])) --at;
  return at;
}

// `at` (at most s.size()) moved on to the end of the code point it is in.
std::size_t code_point_end(std::string_view s, std::size_t at) {
  while (at < s.size() && is_continuation_byte(s[at])) ++at;
  return at;
}

// Where `s` is `count` code points before `at`, or its start when it has
// fewer; *stepped (when given) is how many there were.
std::size_t code_points_back(std::string_view s, std::size_t at, std::size_t count,
                             std::size_t* stepped = nullptr) {
  std::size_t n = 0;
  for (; n < count && at > 0; ++n) {
    --at;
    while (at > 0 && is_continuation_byte(s[at])) --at;
  }
  if (stepped != nullptr) *stepped = n;
  return at;
}

// Where `s` is `count` code points after `at`, or its end when it has fewer;
// *stepped (when given) is how many there were.
std::size_t code_points_forward(std::string_view s, std::size_t at, std::size_t count,
                                std::size_t* stepped = nullptr) {
  std::size_t n = 0;
  for (; n < count && at < s.size(); ++n) {
    ++at;
    while (at < s.size() && is_continuation_byte(s[at])) ++at;
  }
  if (stepped != nullptr) *stepped = n;
  return at;
}

// s[from, to), with "…" on each side where it cuts `s`.
std::string cut_out(std::string_view s, std::size_t from, std::size_t to) {
  std::string out;
  if (from > 0) out += kEllipsis;
  out += s.substr(from, to - from);
  if (to < s.size()) out += kEllipsis;
  return out;
}

// ------------------------------------------------------------ template tags

// Hexo's tag arguments: whitespace-separated, quotes group (and are
// dropped), empty arguments left out.
std::vector<std::string> tag_arguments(std::string_view body) {
  std::vector<std::string> args;
  std::string current;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (is_ascii_whitespace(c)) {
      if (!current.empty()) args.push_back(std::move(current));
      current.clear();
    } else if (c == '"' || c == '\'') {
      for (++i; i < body.size() && body[i] != c; ++i) {
        if (body[i] == '\\' && i + 1 < body.size()) ++i;
        current += body[i];
      }
      // Now at the closing quote, or at the end when it is unterminated.
    } else {
      current += c;
    }
  }
  if (!current.empty()) args.push_back(std::move(current));
  return args;
}

}  // namespace

std::string percent_encode(std::string_view s, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    const bool ascii_alnum =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (ascii_alnum || c == '-' || c == '.' || c == '_' || c == '~' ||
        (byte < 0x80 && keep.find(c) != std::string_view::npos)) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  if (s.find('%') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  std::string run;  // the bytes of a run of consecutive escapes
  std::size_t i = 0;
  while (i < s.size()) {
    if (escape_at(s, i) < 0) {
      out += s[i];
      ++i;
      continue;
    }
    const std::size_t start = i;
    run.clear();
    for (int b; (b = escape_at(s, i)) >= 0; i += 3) {
      run += static_cast<char>(b);
    }
    for (std::size_t j = 0; j < run.size();) {
      const std::size_t n =
          run[j] == '\0' ? 0 : utf8::valid_sequence_length(run, j);
      if (n == 0) {
        out.append(s.substr(start + 3 * j, 3));
        ++j;
      } else {
        out.append(run, j, n);
        j += n;
      }
    }
  }
  return out;
}

bool has_url_scheme(std::string_view destination) {
  return url_scheme_length(destination, 0) > 0;
}

Link make_markdown_link(Link::Kind kind, std::string_view destination,
                        std::string text, int line) {
  Link link;
  link.kind = kind;
  link.raw = std::string(destination);
  link.text = std::move(text);
  link.line = line;
  link.external = is_external(destination);
  const auto [target, anchor] = split_anchor(destination);
  if (link.external) {
    link.target = std::string(target);
    link.anchor = std::string(anchor);
  } else {
    link.target = percent_decode(target);
    link.anchor = percent_decode(anchor);
  }
  return link;
}

std::vector<Link> find_text_links(std::string_view markup, int first_line,
                                  std::vector<TextSpan>* spans) {
  std::vector<Link> links;
  int line = first_line;
  std::size_t i = 0;
  while (i < markup.size()) {
    const char c = markup[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    // Every stand-in starts with the byte 0xEE.
    const bool embed = c == '\xEE' && markup.compare(i, kEmbedOpen.size(), kEmbedOpen) == 0;
    if (embed || (c == '\xEE' && markup.compare(i, kWikilinkOpen.size(), kWikilinkOpen) == 0)) {
      const WikiScan scan = scan_wikilink(markup, i);
      if (scan.closed) {
        Link link;
        if (make_wikilink(scan.body, embed, line, link)) {
          links.push_back(std::move(link));
          if (spans != nullptr) spans->push_back(TextSpan{i, scan.end});
        }
        i = scan.end;
        continue;
      }
      // Not a wikilink; the scan stopped at the next line, the next
      // wikilink or a placeholder, none of which it skipped.
      i += kWikilinkOpen.size();
      continue;
    }
    if (const std::size_t length = bare_url_length(markup, i); length > 0) {
      links.push_back(make_url_link(markup.substr(i, length), line));
      if (spans != nullptr) spans->push_back(TextSpan{i, i + length});
      i += length;
      continue;
    }
    ++i;
  }
  return links;
}

std::string link_context(std::string_view line, TextSpan link) {
  // Only the window is walked, never the whole line: a line may hold
  // thousands of links.
  const std::size_t begin = code_point_start(line, std::min(link.begin, line.size()));
  const std::size_t end = code_point_end(line, std::clamp(link.end, begin, line.size()));
  std::size_t link_length = 0;
  const std::size_t link_cut =
      code_points_forward(line.substr(0, end), begin, kContextCodePoints, &link_length);
  if (link_cut < end) return cut_out(line, begin, link_cut);
  const std::size_t room = kContextCodePoints - link_length;
  std::size_t room_before = 0;
  std::size_t room_after = 0;
  code_points_back(line, begin, room, &room_before);
  code_points_forward(line, end, room, &room_after);
  // Half the room on each side; what one side cannot use goes to the other.
  const std::size_t before = std::min(room_before, std::max(room / 2, room - room_after));
  const std::size_t after = std::min(room_after, room - before);
  return cut_out(line, code_points_back(line, begin, before),
                 code_points_forward(line, end, after));
}

std::string wikilink_display_text(std::string_view body, bool embed) {
  const WikiParts parts = split_wikilink(body);
  std::string shown(trim_ascii_whitespace(shown_body(parts.target)));
  // Obsidian shows a heading path "a#h1#h2" as "a > h1 > h2".
  for (std::string_view anchor = parts.anchor; !anchor.empty();) {
    const std::size_t hash = anchor.find('#');
    const std::string heading(trim_ascii_whitespace(shown_body(anchor.substr(0, hash))));
    if (!heading.empty()) shown += (shown.empty() ? "" : " > ") + heading;
    if (hash == std::string_view::npos) break;
    anchor.remove_prefix(hash + 1);
  }
  if (shown.empty()) {
    // No link ("[[]]", "[[|x]]"): shown as written.
    return std::string(embed ? "![[" : "[[") + shown_body(body) + "]]";
  }
  const std::string alias(trim_ascii_whitespace(shown_body(parts.alias)));
  if (!alias.empty() && !(embed && is_image_size(alias))) return alias;
  return shown;
}

std::vector<Link> links_from_template_tag(std::string_view body, int line) {
  // Nunjucks whitespace control: "{%-" and "-%}".
  if (!body.empty() && body.front() == '-') body.remove_prefix(1);
  if (!body.empty() && body.back() == '-') body.remove_suffix(1);
  // The tag name is a bare word ("'post_link' x" is no post_link); the
  // arguments follow it.
  body = trim_ascii_whitespace(body);
  std::size_t name_end = 0;
  while (name_end < body.size() && !is_ascii_whitespace(body[name_end])) {
    ++name_end;
  }
  const std::string_view name = body.substr(0, name_end);
  std::vector<std::string> args = tag_arguments(body.substr(name_end));
  args.insert(args.begin(), std::string(name));
  if (args.size() < 2) return {};
  Link link;
  bool with_text = true;
  if (name == "post_link") {
    link.kind = Link::Kind::kPostLink;
  } else if (name == "post_path") {
    link.kind = Link::Kind::kPostLink;
    with_text = false;
  } else if (name == "asset_link") {
    link.kind = Link::Kind::kAssetLink;
  } else if (name == "asset_path") {
    link.kind = Link::Kind::kAssetLink;
    with_text = false;
  } else {
    return {};
  }
  link.raw = args[1];
  const auto [target, anchor] = split_anchor(args[1]);
  link.target = std::string(trim_ascii_whitespace(target));
  link.anchor = std::string(trim_ascii_whitespace(anchor));
  if (link.target.empty()) return {};
  if (with_text) {
    std::size_t last = args.size();
    if (last > 2 && (args[last - 1] == "true" || args[last - 1] == "false")) {
      --last;
    }
    for (std::size_t k = 2; k < last; ++k) {
      if (!link.text.empty()) link.text += ' ';
      link.text += args[k];
    }
  }
  link.line = line;
  link.external = false;
  return {link};
}

}  // namespace kb
