#include "note/note_html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <charconv>
#include <memory>
#include <string_view>
#include <utility>

#include "note/cmark_handles.h"
#include "note/front_matter.h"
#include "note/links.h"
#include "note/template_tags.h"
#include "note/text_decoder.h"
#include "note/url_scan.h"
#include "text/html_escape.h"

namespace kb {

namespace {

// The destination of a link the note writes otherwise than in Markdown (a
// wikilink, a Hexo tag) once it is written as a Markdown link: this prefix
// and its number among those links. The prefix starts with the stand-in of
// "]]", which a note's text never holds alone, so that no Markdown link of
// the note looks the same and no wikilink starts there.
constexpr std::string_view kPlacedScheme = "\xEE\x80\x85link:";

// `text` with every ASCII punctuation character backslash-escaped: in
// Markdown it is then literal text (CommonMark, "Backslash escapes").
std::string escape_markdown(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool ascii_alnum =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c > 0x20 && c < 0x7F && !ascii_alnum) out += '\\';
    out += c;
  }
  return out;
}

// A URL a page may point at: one of the schemes people follow. Others
// (javascript:, data:, file:, vbscript:, app schemes) are shown, not linked.
bool is_followable_url(std::string_view url) {
  std::string scheme(url.substr(0, url_scheme_length(url, 0)));
  for (char& c : scheme) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return scheme == "https" || scheme == "http" || scheme == "mailto";
}

// `shown` as a Markdown link (an image when `embed`) to `link`, which is
// added to `placed`: link_of() finds it there.
std::string placed_markdown(std::string_view shown, bool embed, Link link,
                            std::vector<Link>& placed) {
  std::string out = embed ? "![" : "[";
  out += escape_markdown(without_stand_ins(shown));
  out += "](";
  out += kPlacedScheme;
  out += std::to_string(placed.size());
  out += ")";
  placed.push_back(std::move(link));
  return out;
}

// Puts a Markdown link where each Hexo tag that links ({% post_link %},
// {% asset_link %}: links_from_template_tag()) was, shown by its title or
// its target. `tags` are strip_template_tags()'s, for this `text`.
void hexo_links_as_markdown(std::string& text, const std::vector<TemplateTag>& tags,
                            std::vector<Link>& placed) {
  std::string out;
  std::size_t copied = 0;
  for (const TemplateTag& tag : tags) {
    std::vector<Link> links = links_from_template_tag(tag.body, tag.line);
    if (links.empty()) continue;
    out.append(text, copied, tag.offset - copied);
    copied = tag.offset;
    Link& link = links.front();
    const std::string shown = link.text.empty() ? link.target : link.text;
    out += placed_markdown(shown, false, std::move(link), placed);
  }
  if (copied == 0 && out.empty()) return;
  out.append(text, copied);
  text = std::move(out);
}

// Replaces each wikilink of `text` (between the stand-ins
// strip_template_tags() puts in) with a Markdown link or image, its text
// the wikilink's display text; the wikilinks, as find_text_links() reads
// them, go to `placed`.
void wikilinks_as_markdown(std::string& text, std::vector<Link>& placed) {
  std::string out;
  out.reserve(text.size());
  int line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = std::string_view(text).substr(i);
    const bool embed = rest.starts_with(kEmbedOpen);
    if (!embed && !rest.starts_with(kWikilinkOpen)) {
      line += text[i] == '\n';
      out += text[i++];
      continue;
    }
    const std::size_t close = rest.find(kWikilinkClose);
    const std::size_t newline = rest.find('\n');
    if (close == std::string_view::npos || close > newline) {
      out += text[i++];
      continue;
    }
    const std::string_view written = rest.substr(0, close + kWikilinkClose.size());
    std::vector<Link> found = find_text_links(written, line);
    if (found.size() != 1) {  // "[[]]" and the like: no link, shown as written
      out += written;
    } else {
      const std::size_t open = (embed ? kEmbedOpen : kWikilinkOpen).size();
      out += placed_markdown(wikilink_display_text(written.substr(open, close - open), embed),
                             embed, std::move(found.front()), placed);
    }
    i += written.size();
  }
  text = std::move(out);
}

// The text of `node`'s inline children, without markup: an image's alt.
std::string plain_text(cmark_node* node) {
  std::string out;
  CmarkIter iter(cmark_iter_new(node));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER || n == node) continue;
    const cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      const char* literal = cmark_node_get_literal(n);
      if (literal != nullptr) out += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  return out;
}

const char* class_of(HtmlTarget::Kind kind) {
  switch (kind) {
    case HtmlTarget::Kind::kNote: return "note";
    case HtmlTarget::Kind::kFile: return "file";
    case HtmlTarget::Kind::kExternal: return "external";
    case HtmlTarget::Kind::kBroken: return "broken";
  }
  return "broken";
}

// The HTML that opens a link to `target`; "</a>" closes it.
std::string anchor_open(const HtmlTarget& target) {
  std::string html = "<a class=\"";
  html += class_of(target.kind);
  html += '"';
  if (target.kind != HtmlTarget::Kind::kBroken) html += " href=\"" + escape_html(target.href) + '"';
  if (!target.title.empty()) html += " title=\"" + escape_html(target.title) + '"';
  if (target.kind == HtmlTarget::Kind::kExternal) html += " rel=\"noopener noreferrer\"";
  return html + ">";
}

// What cmark's safe mode writes for raw HTML; note_html() writes it for
// the note's own.
constexpr const char* kRawHtmlOmitted = "<!-- raw HTML omitted -->";

// Puts raw HTML that writes `html` before `node`: markup the renderer
// makes. A custom inline node would do, were it not that GitHub's table
// cells may not hold one.
void insert_html_before(cmark_node* node, const std::string& html) {
  if (html.empty()) return;
  cmark_node* raw = cmark_node_new(CMARK_NODE_HTML_INLINE);
  cmark_node_set_literal(raw, html.c_str());
  if (cmark_node_insert_before(node, raw) == 0) cmark_node_free(raw);
}

// `node` replaced by `on_enter`, its children (moved out when
// `keep_children`), then `on_exit`.
void replace_with_html(cmark_node* node, const std::string& on_enter, const std::string& on_exit,
                       bool keep_children) {
  insert_html_before(node, on_enter);
  while (keep_children && cmark_node_first_child(node) != nullptr) {
    if (cmark_node_insert_before(node, cmark_node_first_child(node)) == 0) break;
  }
  insert_html_before(node, on_exit);
  cmark_node_free(node);  // unlinks it first
}

// The link or image `node` as parse_note() reads it.
Link link_of(cmark_node* node, const std::vector<Link>& placed) {
  const char* url_chars = cmark_node_get_url(node);
  const std::string_view written = url_chars != nullptr ? url_chars : "";
  if (written.starts_with(kPlacedScheme)) {
    std::size_t n = 0;
    const std::string_view number = written.substr(kPlacedScheme.size());
    std::from_chars(number.data(), number.data() + number.size(), n);
    if (n < placed.size()) return placed[n];
  }
  const std::string url = without_stand_ins(written);
  const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
  const std::string text = plain_text(node);
  const Link::Kind kind = image ? Link::Kind::kImage
                          : (has_url_scheme(url) && (text == url || "mailto:" + text == url))
                              ? Link::Kind::kAutolink
                              : Link::Kind::kMarkdown;
  return make_markdown_link(kind, url, text, cmark_node_get_start_line(node));
}

void render_link(cmark_node* node, const Link& link, HtmlTarget target) {
  if (target.kind == HtmlTarget::Kind::kExternal && !is_followable_url(target.href)) {
    target = HtmlTarget{HtmlTarget::Kind::kBroken, "", "not a web address: " + target.href};
  }
  const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
  const bool embeds = link.kind == Link::Kind::kImage || link.kind == Link::Kind::kEmbed;
  if (!image) {
    replace_with_html(node, anchor_open(target), "</a>", true);
    return;
  }
  std::string alt = without_stand_ins(plain_text(node));
  if (embeds && target.kind == HtmlTarget::Kind::kFile) {
    replace_with_html(node,
                      "<img src=\"" + escape_html(target.href) + "\" alt=\"" + escape_html(alt) +
                          "\" title=\"" + escape_html(target.title) + "\">",
                      "", false);
    return;
  }
  // Not loaded: a note, a page outside, or nothing. Its text is the alt
  // text, else the target as written.
  if (alt.empty()) alt = link.raw;
  const std::string open =
      target.kind == HtmlTarget::Kind::kBroken
          ? "<span class=\"broken\" title=\"" + escape_html(target.title) + "\">"
          : anchor_open(target);
  replace_with_html(node, open + escape_html(alt),
                    target.kind == HtmlTarget::Kind::kBroken ? "</span>" : "</a>", false);
}

// A parser of GitHub's Markdown as a page shows it: tables, ~~struck~~ text
// and task lists. Not its autolinks: they take the Chinese text after a
// bare URL into the link (`见https://x.org/9529中提到` would link to
// `https://x.org/9529中提到`).
CmarkParser parser_with_extensions() {
  // Registers the extensions once per process (cmark-gfm keeps them in a
  // global list); a static's initialisation is thread-safe.
  static const bool registered = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return true;
  }();
  (void)registered;
  CmarkParser parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  for (const char* name : {"table", "strikethrough", "tasklist"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  return parser;
}

}  // namespace

std::string note_html(std::string_view bytes, const Vocabulary& vocabulary,
                      const std::vector<Heading>& headings, const HtmlTargetOf& target_of) {
  std::string text = decode_text(bytes, vocabulary).text;
  take_front_matter(text);
  std::vector<std::string> comments;
  std::vector<Link> placed;  // links written otherwise than in Markdown
  hexo_links_as_markdown(text, strip_template_tags(text, comments), placed);
  wikilinks_as_markdown(text, placed);

  CmarkParser parser = parser_with_extensions();
  cmark_parser_feed(parser.get(), text.data(), text.size());
  CmarkNode root(cmark_parser_finish(parser.get()));
  if (!root) return {};
  // Collected first, changed after: the iterator must not see a node
  // replaced under it.
  std::vector<cmark_node*> links, texts, heading_nodes, raw_html;
  {
    CmarkIter iter(cmark_iter_new(root.get()));
    for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* node = cmark_iter_get_node(iter.get());
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: links.push_back(node); break;
        case CMARK_NODE_TEXT: texts.push_back(node); break;
        case CMARK_NODE_HEADING: heading_nodes.push_back(node); break;
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_HTML_BLOCK: raw_html.push_back(node); break;
        default: break;
      }
    }
  }
  // The markup added below is raw HTML, so the page is rendered as cmark's
  // unsafe mode renders it, made safe here: the note's own raw HTML is
  // omitted as the safe mode omits it, and every link and image is
  // replaced by render_link(), which follows only web addresses (the safe
  // mode's other check, of link destinations, has nothing left to see).
  for (cmark_node* node : raw_html) cmark_node_set_literal(node, kRawHtmlOmitted);
  for (cmark_node* node : texts) {
    const char* literal = cmark_node_get_literal(node);
    if (literal != nullptr) cmark_node_set_literal(node, without_stand_ins(literal).c_str());
  }
  for (std::size_t h = 0; h < heading_nodes.size() && h < headings.size(); ++h) {
    // An empty element at the start of the heading carries its id.
    cmark_node* id = cmark_node_new(CMARK_NODE_HTML_INLINE);
    cmark_node_set_literal(id,
                           ("<span id=\"" + escape_html(headings[h].slug) + "\"></span>").c_str());
    if (cmark_node_prepend_child(heading_nodes[h], id) == 0) cmark_node_free(id);
  }
  // Asked in the note's order; rendered innermost first, so that an image
  // inside a link is rendered before the link takes its children.
  std::vector<std::pair<Link, HtmlTarget>> targets;
  for (cmark_node* node : links) {
    Link link = link_of(node, placed);
    HtmlTarget target = target_of(link);
    targets.emplace_back(std::move(link), std::move(target));
  }
  for (std::size_t i = links.size(); i-- > 0;) {
    render_link(links[i], targets[i].first, std::move(targets[i].second));
  }
  CmarkText html(cmark_render_html(root.get(), CMARK_OPT_UNSAFE,
                                   cmark_parser_get_syntax_extensions(parser.get())));
  return html ? std::string(html.get()) : std::string();
}

}  // namespace kb
