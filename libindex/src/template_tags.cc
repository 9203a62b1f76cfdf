#include "template_tags.h"

#include <string_view>

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

// Removes the tags from one piece of text outside code; returns the count.
int strip_in(std::string& piece) {
  int removed = 0;
  std::size_t pos = 0;
  while ((pos = piece.find('{', pos)) != std::string::npos) {
    if (pos + 1 >= piece.size() ||
        (piece[pos + 1] != '%' && piece[pos + 1] != '{')) {
      ++pos;
      continue;
    }
    const std::string_view close = piece[pos + 1] == '%' ? "%}" : "}}";
    std::size_t end = piece.find(close, pos + 2);
    if (end == std::string::npos) {
      ++pos;  // an unclosed tag is text; later tags still count
      continue;
    }
    end += close.size();
    std::string kept;
    for (std::size_t i = pos; i < end; ++i) {
      if (piece[i] == '\n') kept += '\n';
    }
    piece.replace(pos, end - pos, kept);
    ++removed;
  }
  return removed;
}

}  // namespace

int strip_template_tags(std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::string outside;  // text outside code, waiting to be stripped
  std::string_view open_fence;
  int removed = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string_view line(text.data() + pos, end - pos);
    if (open_fence.empty()) {
      open_fence = fence_of(line);
      if (!open_fence.empty()) {
        removed += strip_in(outside);
        out += outside;
        outside.clear();
        out += line;
      } else {
        outside += line;
      }
    } else {
      out += line;
      if (closes_fence(line, open_fence)) open_fence = {};
    }
    pos = end;
  }
  removed += strip_in(outside);
  out += outside;
  text = std::move(out);
  return removed;
}

}  // namespace kb
