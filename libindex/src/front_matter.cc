#include "front_matter.h"

#include <yaml-cpp/yaml.h>

#include <string_view>

namespace kb {

namespace {

// The line of `text` that starts at `pos`, without its line break.
std::string_view line_at(const std::string& text, std::size_t pos) {
  std::size_t end = text.find('\n', pos);
  if (end == std::string::npos) end = text.size();
  std::string_view line(text.data() + pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Blanks [begin, end) of `text` except its line breaks.
void blank(std::string& text, std::size_t begin, std::size_t end) {
  std::string kept;
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] == '\n') kept += '\n';
  }
  text.replace(begin, end - begin, kept);
}

void collect_scalars(const YAML::Node& node, std::vector<std::string>& out) {
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& item : node) collect_scalars(item, out);
  } else if (node.IsMap()) {
    for (const auto& entry : node) collect_scalars(entry.second, out);
  }
}

void parse_yaml(const std::string& yaml, FrontMatter& out) {
  try {
    YAML::Node root = YAML::Load(yaml);
    if (!root.IsMap()) {
      if (!root.IsNull()) {
        out.diagnostics.push_back(
            Diagnostic{"", 2, "front matter is not a YAML mapping, ignored"});
      }
      return;
    }
    for (const auto& entry : root) {
      if (!entry.first.IsScalar()) continue;
      if (entry.second.IsScalar()) {
        out.fields[entry.first.Scalar()] = entry.second.Scalar();
      } else {
        collect_scalars(entry.second, out.nested_values);
      }
    }
  } catch (const YAML::Exception& e) {
    // Mark lines count from 0 within the YAML, which starts on file line 2.
    int line = e.mark.line >= 0 ? e.mark.line + 2 : 2;
    out.diagnostics.push_back(
        Diagnostic{"", line, "front matter is not valid YAML (" + e.msg +
                                 "), note indexed without it"});
    out.fields.clear();
    out.nested_values.clear();
  }
}

}  // namespace

FrontMatter take_front_matter(std::string& text) {
  FrontMatter out;
  const std::string_view first = trim_right(line_at(text, 0));
  const bool yaml = first == "---";
  if (!yaml && first != "+++") return out;

  std::size_t body_start = text.find('\n');
  if (body_start == std::string::npos) return out;
  ++body_start;
  for (std::size_t pos = body_start; pos < text.size();) {
    std::string_view line = trim_right(line_at(text, pos));
    std::size_t next = text.find('\n', pos);
    next = next == std::string::npos ? text.size() : next + 1;
    const bool closes = yaml ? (line == "---" || line == "...") : line == "+++";
    if (closes) {
      out.present = true;
      if (yaml) parse_yaml(text.substr(body_start, pos - body_start), out);
      blank(text, 0, next);
      return out;
    }
    pos = next;
  }
  return out;  // no closing line: not front matter, leave it to Markdown
}

}  // namespace kb
