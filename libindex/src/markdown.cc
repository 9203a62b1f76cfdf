#include "markdown.h"

#include <cmark.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace kb {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

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
// `line`, spans in `text`. cmark turns them into spaces and its 0.30 inline
// positions are unreliable, so the span's words are looked up in order.
std::size_t code_span_line_breaks(const std::string& text,
                                  const std::vector<std::size_t>& starts,
                                  int line, std::string_view literal) {
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return 0;
  std::size_t pos = starts[static_cast<std::size_t>(line) - 1];
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

MarkdownDocument parse_markdown(const std::string& text) {
  MarkdownDocument doc;
  std::unique_ptr<cmark_node, NodeDeleter> root(
      cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
  if (!root) return doc;
  const std::vector<std::size_t> starts = line_starts(text);

  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(root.get()));
  Block* open = nullptr;  // the paragraph or heading collecting inline text
  int section = -1;
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    const bool enter = event == CMARK_EVENT_ENTER;
    switch (type) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (enter) {
          Block block;
          block.first_line = cmark_node_get_start_line(node);
          if (type == CMARK_NODE_HEADING) {
            block.kind = Block::Kind::kHeading;
            section = static_cast<int>(doc.headings.size());
            doc.headings.push_back(Heading{cmark_node_get_heading_level(node),
                                           "", block.first_line});
          }
          block.section = section;
          doc.blocks.push_back(std::move(block));
          open = &doc.blocks.back();
        } else if (open != nullptr) {
          open->last_line = open->first_line + count_lines(open->text) - 1;
          if (type == CMARK_NODE_HEADING) {
            doc.headings.back().text = open->text;
          } else if (open->text.find_first_not_of(" \t\n") ==
                     std::string::npos) {
            doc.blocks.pop_back();  // e.g. a paragraph of one bare image
          }
          open = nullptr;
        }
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (open != nullptr) {
          const char* literal = cmark_node_get_literal(node);
          if (literal != nullptr) open->text += literal;
          if (literal != nullptr && type == CMARK_NODE_CODE &&
              open->kind != Block::Kind::kHeading) {
            const int line = open->first_line + count_lines(open->text) - 1;
            open->text.append(code_span_line_breaks(text, starts, line, literal),
                              '\n');
          }
        }
        break;
      case CMARK_NODE_HTML_INLINE:
        if (open != nullptr && open->kind != Block::Kind::kHeading) {
          // Raw HTML is dropped, but not the line breaks inside it.
          const char* literal = cmark_node_get_literal(node);
          const std::string_view html = literal != nullptr ? literal : "";
          open->text.append(
              static_cast<std::size_t>(std::count(html.begin(), html.end(), '\n')),
              '\n');
        }
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        if (open != nullptr) {
          // A heading is one line; elsewhere a break is a source line break.
          open->text += open->kind == Block::Kind::kHeading ? " " : "\n";
        }
        break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK: {
        const char* literal = cmark_node_get_literal(node);
        Block block;
        block.section = section;
        block.first_line = cmark_node_get_start_line(node);
        if (type == CMARK_NODE_CODE_BLOCK) {
          block.kind = Block::Kind::kCode;
          block.text = literal != nullptr ? literal : "";
          if (is_fence_line(source_line(text, starts, block.first_line))) {
            ++block.first_line;
          }
        } else {
          block.kind = Block::Kind::kHtml;
          block.text = strip_html(literal != nullptr ? literal : "");
        }
        drop_trailing_newlines(block.text);
        if (block.text.find_first_not_of(" \t\n") == std::string::npos) break;
        block.last_line = block.first_line + count_lines(block.text) - 1;
        doc.blocks.push_back(std::move(block));
        break;
      }
      default:
        break;
    }
  }
  return doc;
}

}  // namespace kb
