#include "note/markdown.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>

#include "note/cmark_handles.h"
#include "note/inline_text.h"
#include "note/links.h"
#include "note/template_tags.h"
#include "note/url_scan.h"

namespace kb {

namespace {

// Byte offset of the start of each line, for looking at the source.
std::vector<std::size_t> line_starts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

std::string_view source_line(const std::string& text,
                             const std::vector<std::size_t>& starts,
                             int line) {
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
  std::size_t begin = starts[static_cast<std::size_t>(line) - 1];
  std::size_t end = static_cast<std::size_t>(line) < starts.size()
                        ? starts[static_cast<std::size_t>(line)]
                        : text.size();
  return std::string_view(text).substr(begin, end - begin);
}

// True when `line` opens a code fence, possibly inside block quotes and list
// items ("> ```", "- ```", "1. ~~~").
bool is_fence_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == ' ' || c == '\t' || c == '>') {
      ++i;
    } else if ((c == '-' || c == '*' || c == '+') && i + 1 < line.size() &&
               line[i + 1] == ' ') {
      i += 2;
    } else if (c >= '0' && c <= '9') {
      std::size_t j = i;
      while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
      if (j < line.size() && (line[j] == '.' || line[j] == ')')) {
        i = j + 1;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  const std::string_view rest = line.substr(i);
  return rest.substr(0, 3) == "```" || rest.substr(0, 3) == "~~~";
}

// How many line breaks the code span `literal`, which starts on source line
// `line`, spans in `text`. cmark turns them into spaces and its inline
// positions are unreliable, so the span's words are looked up in order,
// from `cursor`: the end of the previous code span, so that spans are found
// in source order and each search starts where the last one ended (a line
// of thousands of spans stays linear). `cursor` moves past this span.
std::size_t code_span_line_breaks(const std::string& text,
                                  const std::vector<std::size_t>& starts,
                                  int line, std::string_view literal, std::size_t& cursor) {
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return 0;
  std::size_t pos = std::max(starts[static_cast<std::size_t>(line) - 1], cursor);
  std::size_t first = std::string::npos;
  std::size_t breaks = 0;
  std::size_t begin = 0;
  while (begin < literal.size()) {
    std::size_t end = literal.find(' ', begin);
    if (end == std::string_view::npos) end = literal.size();
    if (end > begin) {
      const std::size_t at = text.find(literal.substr(begin, end - begin), pos);
      if (at == std::string::npos) return 0;
      if (first == std::string::npos) {
        first = at;
      } else {
        breaks += static_cast<std::size_t>(
            std::count(text.begin() + static_cast<std::ptrdiff_t>(pos),
                       text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
      }
      pos = at + (end - begin);
    }
    begin = end + 1;
  }
  cursor = pos;
  return breaks;
}

bool starts_tag(std::string_view html, std::size_t i) {
  if (i + 1 >= html.size()) return false;
  const char c = html[i + 1];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' ||
         c == '!' || c == '?';
}

// Drops HTML tags and comments, keeping the text between them.
std::string strip_html(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html.substr(i, 4) == "<!--") {
      std::size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      for (std::size_t k = i; k < end; ++k) {
        if (html[k] == '\n') out += '\n';
      }
      i = end + 3;
    } else if (html[i] == '<' && starts_tag(html, i)) {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) {
        out += html.substr(i);
        break;
      }
      for (std::size_t k = i; k < end; ++k) {
        if (html[k] == '\n') out += '\n';
      }
      out += ' ';
      i = end + 1;
    } else {
      out += html[i++];
    }
  }
  return out;
}

void drop_trailing_newlines(std::string& s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
}

int count_lines(const std::string& s) {
  int lines = 1;
  for (char c : s) lines += c == '\n';
  return lines;
}

}  // namespace

namespace {

constexpr bool kEscapesAsWritten = true;
constexpr bool kEscapesShown = false;

// Walks cmark's tree once, filling a MarkdownDocument.
class Walker {
 public:
  Walker(const std::string& text, MarkdownDocument& doc)
      : text_(text), starts_(line_starts(text)), doc_(doc) {}

  void visit(cmark_node* node, bool enter) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        enter ? open_block(node) : close_block(node);
        break;
      case CMARK_NODE_TEXT:
        append_text(node);
        break;
      case CMARK_NODE_CODE:
        append_code_span(node);
        break;
      case CMARK_NODE_HTML_INLINE:
        append_inline_html(node);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        if (open_ == nullptr) break;
        // A heading is one line; elsewhere a break is a source line break.
        if (open_->kind == Block::Kind::kHeading) {
          append_same(" ");
        } else {
          add_line_breaks(1);
        }
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        enter ? open_link(node) : close_link(node);
        break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        add_literal_block(node);
        break;
      case CMARK_NODE_ITEM:
        enter ? open_item() : close_item();
        break;
      default:
        break;
    }
  }

 private:
  // The wikilink whose markup is being collected.
  struct WikilinkStart {
    std::size_t body_start;  // in markup_, after the opening stand-in
    bool embed;
  };

  struct OpenLink {
    cmark_node* node;
    std::size_t text_start;    // offset in open_->text
    std::size_t markup_start;  // offset in markup_
    int line;                  // where its text starts
  };

  int current_line() const { return open_->first_line + open_breaks_; }

  // Appends to the open block's text and counts its line breaks on the way:
  // counting them from the block's start for each link or code span would
  // be quadratic in a paragraph of many.
  void add_text(std::string_view s) {
    open_->text += s;
    open_breaks_ += static_cast<int>(std::count(s.begin(), s.end(), '\n'));
  }

  // Appends the same bytes to the open block's text and to its markup.
  void append_same(std::string_view s) {
    if (!wikilink_) add_text(s);
    markup_ += s;
  }

  // Appends a piece that the text shows as `text` and the markup holds as
  // `markup`, and notes where the two meet again.
  void append_apart(std::string_view text, std::string_view markup) {
    markup_ += markup;
    if (wikilink_) return;  // its display text comes at its close
    add_text(text);
    markup_to_text_.add(markup_.size(), open_->text.size());
  }

  // Line breaks go to the text and the markup alike, so that line k of
  // either is file line first_line + k.
  void add_line_breaks(std::size_t count) {
    open_->text.append(count, '\n');
    markup_.append(count, '\n');
    open_breaks_ += static_cast<int>(count);
  }

  void open_block(cmark_node* node) {
    Block block;
    block.first_line = cmark_node_get_start_line(node);
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      block.kind = Block::Kind::kHeading;
      section_ = static_cast<int>(doc_.headings.size());
      doc_.headings.push_back(
          Heading{cmark_node_get_heading_level(node), "", block.first_line, "", ""});
    }
    block.section = section_;
    doc_.blocks.push_back(std::move(block));
    open_ = &doc_.blocks.back();
    open_breaks_ = 0;
    markup_.clear();
    markup_to_text_ = MarkupToText();
  }

  void close_block(cmark_node* node) {
    if (open_ == nullptr) return;
    close_wikilink();
    if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) start_after_definitions(node);
    open_->last_line = current_line();
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      doc_.headings.back().text = open_->text;
    }
    if (open_->kind != Block::Kind::kHeading &&
        open_->text.find_first_not_of(" \t\n") == std::string::npos) {
      // E.g. a paragraph of one bare image. Its links, the last ones found,
      // have no text to be shown in.
      const int dropped = static_cast<int>(doc_.blocks.size()) - 1;
      for (auto it = doc_.links.rbegin(); it != doc_.links.rend() && it->block == dropped; ++it) {
        it->block = -1;
      }
      doc_.blocks.pop_back();
    } else {
      doc_.markup.push_back(std::move(markup_));
      doc_.markup_to_text.push_back(std::move(markup_to_text_));
      doc_.block_items.push_back(current_item());
    }
    markup_.clear();
    open_ = nullptr;
  }

  // cmark starts a paragraph on the line of the reference definitions it
  // took from its start ("[a]: a.md" right above the text). Its last line is
  // right, and every line of its text is a line break in the block, so the
  // block and the links found in it so far move down to where its text is.
  void start_after_definitions(cmark_node* node) {
    const int first = cmark_node_get_end_line(node) - open_breaks_;
    const int shift = first - open_->first_line;
    // Only below a definition: a line break the text does not show (one in
    // a link destination) must not move a paragraph that has none.
    if (shift <= 0 ||
        source_line(text_, starts_, open_->first_line).find("]:") == std::string_view::npos) {
      return;
    }
    open_->first_line = first;
    const int block = static_cast<int>(doc_.blocks.size()) - 1;
    for (auto it = doc_.links.rbegin(); it != doc_.links.rend() && it->block == block; ++it) {
      it->line += shift;
    }
  }

  void append_text(cmark_node* node) {
    if (open_ == nullptr) return;
    const char* literal = cmark_node_get_literal(node);
    if (literal == nullptr) return;
    // The text shows each escaped stand-in as the character it stands for,
    // and each wikilink as its display text.
    const std::string_view text = literal;
    std::size_t copied = 0;  // where the bytes not yet appended start
    for (std::size_t i = text.find('\xEE'); i != std::string_view::npos;
         i = text.find('\xEE', i + 1)) {
      const std::string_view stand_in = text.substr(i, 3);
      const std::string_view written = stand_in_written(stand_in);
      if (written.empty()) continue;
      append_same(text.substr(copied, i - copied));
      if (stand_in == kWikilinkOpen || stand_in == kEmbedOpen) {
        open_wikilink(stand_in);
      } else if (stand_in == kWikilinkClose) {
        close_wikilink();
      } else {
        append_apart(written, stand_in);
      }
      copied = i + 3;
      i += 2;
    }
    append_same(text.substr(copied));
  }

  // From a wikilink's opening stand-in to its closing one, its markup goes
  // to the markup alone; at the close its display text goes to the text.
  void open_wikilink(std::string_view stand_in) {
    if (wikilink_) close_wikilink();
    markup_ += stand_in;
    wikilink_ = WikilinkStart{markup_.size(), stand_in == kEmbedOpen};
  }

  void close_wikilink() {
    if (!wikilink_) return;
    const std::string_view body(markup_.data() + wikilink_->body_start,
                                markup_.size() - wikilink_->body_start);
    std::string shown = wikilink_display_text(body, wikilink_->embed);
    wikilink_.reset();
    markup_ += kWikilinkClose;
    add_text(shown);
    markup_to_text_.add(markup_.size(), open_->text.size());
  }

  void append_code_span(cmark_node* node) {
    if (open_ == nullptr) return;
    const char* literal = cmark_node_get_literal(node);
    if (literal == nullptr) return;
    const int line = current_line();
    append_apart(literal, kInlinePlaceholderUtf8);
    if (open_->kind != Block::Kind::kHeading) {
      add_line_breaks(code_span_line_breaks(text_, starts_, line, literal, code_cursor_));
    }
  }

  void append_inline_html(cmark_node* node) {
    if (open_ == nullptr) return;
    append_apart("", kInlinePlaceholderUtf8);
    const char* literal = cmark_node_get_literal(node);
    const std::string_view html = literal != nullptr ? literal : "";
    if (!html.empty()) doc_.hidden_text.push_back(without_stand_ins(html, kEscapesAsWritten));
    if (open_->kind == Block::Kind::kHeading) return;
    // Raw HTML is dropped, but not the line breaks inside it.
    add_line_breaks(static_cast<std::size_t>(std::count(html.begin(), html.end(), '\n')));
  }

  void open_link(cmark_node* node) {
    if (open_ == nullptr) return;
    links_.push_back(OpenLink{node, open_->text.size(), markup_.size(), current_line()});
  }

  void close_link(cmark_node* node) {
    if (open_ == nullptr || links_.empty() || links_.back().node != node) return;
    const OpenLink link = links_.back();
    links_.pop_back();
    const char* url = cmark_node_get_url(node);
    RawLink raw;
    raw.image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    raw.destination = without_stand_ins(url != nullptr ? url : "", kEscapesShown);
    raw.text = open_->text.substr(link.text_start);
    raw.line = link.line;
    raw.block = static_cast<int>(doc_.blocks.size()) - 1;
    raw.span = TextSpan{link.text_start, open_->text.size()};
    // cmark makes <https://x> and [x](x) the same node: an autolink is one
    // whose text is its destination, which has a scheme (cmark requires
    // one, or an e-mail address, between '<' and '>').
    raw.autolink = !raw.image && url_scheme_length(raw.destination, 0) > 0 &&
                   (raw.text == raw.destination || "mailto:" + raw.text == raw.destination);
    if (raw.autolink || contains_bare_url(raw.text)) {
      // Its text is a URL inside a link already: keep it out of the markup
      // so that it is not found again as a bare URL, nor its '#' as a tag.
      // Its line breaks stay, or the links after it would count lines short.
      const auto breaks = std::count(
          markup_.begin() + static_cast<std::ptrdiff_t>(link.markup_start), markup_.end(), '\n');
      markup_.resize(link.markup_start);
      markup_to_text_.drop_after(link.markup_start);
      markup_ += kInlinePlaceholderUtf8;
      markup_.append(static_cast<std::size_t>(breaks), '\n');
      markup_to_text_.add(markup_.size(), open_->text.size());
    } else {
      // Link text is text of its own: a tag in it ends with it, and
      // "[issue #a](u)补充" is the tag "a", not "a补充".
      append_apart("", kInlinePlaceholderUtf8);
    }
    doc_.links.push_back(std::move(raw));
  }

  void add_literal_block(cmark_node* node) {
    const char* literal = cmark_node_get_literal(node);
    Block block;
    block.section = section_;
    block.first_line = cmark_node_get_start_line(node);
    if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK) {
      block.kind = Block::Kind::kCode;
      block.text = without_stand_ins(literal != nullptr ? literal : "", kEscapesAsWritten);
      const char* info = cmark_node_get_fence_info(node);
      if (info != nullptr && *info != '\0') doc_.hidden_text.emplace_back(info);
      if (is_fence_line(source_line(text_, starts_, block.first_line))) {
        ++block.first_line;
      }
    } else {
      block.kind = Block::Kind::kHtml;
      block.text = without_stand_ins(strip_html(literal != nullptr ? literal : ""), kEscapesAsWritten);
      if (literal != nullptr) doc_.hidden_text.push_back(without_stand_ins(literal, kEscapesAsWritten));
    }
    drop_trailing_newlines(block.text);
    if (block.text.find_first_not_of(" \t\n") == std::string::npos) return;
    block.last_line = block.first_line + count_lines(block.text) - 1;
    doc_.blocks.push_back(std::move(block));
    doc_.markup.emplace_back();  // code and HTML hold no tags or links
    doc_.markup_to_text.emplace_back();
    doc_.block_items.push_back(current_item());
  }

  void open_item() {
    const int item = static_cast<int>(doc_.item_parents.size());
    doc_.item_parents.push_back(current_item());
    items_.push_back(item);
  }

  void close_item() {
    if (!items_.empty()) items_.pop_back();
  }

  int current_item() const { return items_.empty() ? -1 : items_.back(); }

  const std::string& text_;
  const std::vector<std::size_t> starts_;
  std::size_t code_cursor_ = 0;  // source offset after the last code span
  MarkdownDocument& doc_;
  Block* open_ = nullptr;  // the paragraph or heading collecting inline text
  int open_breaks_ = 0;    // line breaks in its text so far
  std::string markup_;     // its markup text
  MarkupToText markup_to_text_;
  std::vector<OpenLink> links_;
  std::optional<WikilinkStart> wikilink_;
  int section_ = -1;
  std::vector<int> items_;  // the list items open, outermost first
};

}  // namespace

void MarkupToText::add(std::size_t markup, std::size_t text) {
  anchors_.push_back(Anchor{markup, text});
}

void MarkupToText::drop_after(std::size_t markup) {
  while (!anchors_.empty() && anchors_.back().markup > markup) anchors_.pop_back();
}

std::size_t MarkupToText::text_offset(std::size_t markup) const {
  // From the last anchor at or before `markup` the two go on byte for byte
  // up to the piece that ends at the next anchor.
  const auto next = std::upper_bound(anchors_.begin(), anchors_.end(), markup,
                                     [](std::size_t m, const Anchor& a) { return m < a.markup; });
  const Anchor from = next == anchors_.begin() ? Anchor{0, 0} : *std::prev(next);
  const std::size_t text = from.text + (markup - from.markup);
  return next == anchors_.end() ? text : std::min(text, next->text);
}

MarkdownDocument parse_markdown(const std::string& text) {
  MarkdownDocument doc;
  CmarkNode root(cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
  if (!root) return doc;
  CmarkIter iter(cmark_iter_new(root.get()));
  Walker walker(text, doc);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    walker.visit(cmark_iter_get_node(iter.get()), event == CMARK_EVENT_ENTER);
  }
  return doc;
}

}  // namespace kb
