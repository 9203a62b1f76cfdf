#include "note/front_matter.h"

#include <cpptoml.h>
#include <yaml-cpp/yaml.h>

#include <sstream>
#include <string_view>

#include "text/whitespace.h"

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

// Blanks [begin, end) of `text` except its line breaks.
void blank(std::string& text, std::size_t begin, std::size_t end) {
  std::string kept;
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] == '\n') kept += '\n';
  }
  text.replace(begin, end - begin, kept);
}

// YAML aliases can make a few hundred bytes expand to billions of nodes
// (a "billion laughs", with empty lists as leaves just as well), an alias
// inside its own anchor (`x: &x [*x]`) to an endless cycle, and an alias to
// a long string to gigabytes of copies. Without aliases each value is in
// the block's text, and the fields, lists and nested values copy it at
// most twice; so what is read costs from one budget of twice the block's
// size (a byte per node, the bytes of each string), and the walk goes at
// most kMaxYamlDepth deep.
constexpr int kMaxYamlDepth = 64;

class YamlBudget {
 public:
  explicit YamlBudget(std::size_t block_size) : left_(2 * block_size + 64) {}
  // False, and nothing spent, when `bytes` are not left.
  bool spend(std::size_t bytes) {
    if (bytes > left_) {
      left_ = 0;
      return false;
    }
    left_ -= bytes;
    return true;
  }

 private:
  std::size_t left_;
};

// The scalars below `node`; false when the budget or the depth ran out.
bool collect_scalars(const YAML::Node& node, int depth, YamlBudget& budget,
                     std::vector<std::string>& out) {
  if (depth > kMaxYamlDepth || !budget.spend(1)) return false;
  if (node.IsScalar()) {
    if (!budget.spend(node.Scalar().size())) return false;
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!collect_scalars(item, depth + 1, budget, out)) return false;
    }
  } else if (node.IsMap()) {
    for (const auto& entry : node) {
      if (!collect_scalars(entry.second, depth + 1, budget, out)) return false;
    }
  }
  return true;
}

// The text of a TOML scalar (string, number, boolean, date), or "".
std::string toml_scalar(const cpptoml::base& value) {
  std::ostringstream out;
  if (auto s = value.as<std::string>()) return s->get();
  if (auto i = value.as<int64_t>()) out << i->get();
  if (auto d = value.as<double>()) out << d->get();
  if (auto b = value.as<bool>()) out << (b->get() ? "true" : "false");
  if (auto date = value.as<cpptoml::local_date>()) out << date->get();
  if (auto dt = value.as<cpptoml::local_datetime>()) out << dt->get();
  if (auto odt = value.as<cpptoml::offset_datetime>()) out << odt->get();
  return out.str();
}

// TOML has no aliases: every value is written out in the block.
void collect_toml(cpptoml::base& value, std::vector<std::string>& out) {
  if (value.is_value()) {
    out.push_back(toml_scalar(value));
  } else if (auto array = value.as_array()) {
    for (const auto& item : *array) collect_toml(*item, out);
  } else if (auto tables = value.as_table_array()) {
    for (const auto& table : *tables) collect_toml(*table, out);
  } else if (auto table = value.as_table()) {
    for (const auto& entry : *table) collect_toml(*entry.second, out);
  }
}

// cpptoml keeps no positions: the file line of the first line that starts
// with `key` (the block starts on line 2), else line 2.
int toml_key_line(const std::string& toml, const std::string& key) {
  int line = 2;
  for (std::size_t pos = 0; pos < toml.size(); ++line) {
    std::size_t end = toml.find('\n', pos);
    if (end == std::string::npos) end = toml.size();
    const std::string_view text(toml.data() + pos, end - pos);
    const std::size_t start = text.find_first_not_of(" \t");
    if (start != std::string_view::npos && text.substr(start, key.size()) == key) {
      return line;
    }
    pos = end + 1;
  }
  return 2;
}

void parse_toml(const std::string& toml, FrontMatter& out) {
  try {
    std::istringstream in(toml);
    std::shared_ptr<cpptoml::table> root = cpptoml::parser(in).parse();
    for (const auto& [key, value] : *root) {
      const int line = toml_key_line(toml, key);
      out.key_lines[key] = line;
      if (value->is_value()) {
        out.fields[key] = toml_scalar(*value);
        out.value_lines[key] = line;
        continue;
      }
      if (auto array = value->as_array()) {
        // Hugo's taxonomies are flat: a TOML list is never one nested value.
        FrontMatterList list;
        for (const auto& item : *array) {
          if (!item->is_value()) continue;
          list.items.push_back(toml_scalar(*item));
          list.lines.push_back(line);
        }
        out.lists[key] = std::move(list);
      }
      collect_toml(*value, out.nested_values);
    }
  } catch (const cpptoml::parse_exception& e) {
    out.fields.clear();
    out.lists.clear();
    out.key_lines.clear();
    out.value_lines.clear();
    out.nested_values.clear();
    out.diagnostics.push_back(Diagnostic{
        "", 2,
        std::string("front matter is not valid TOML (") + e.what() +
            "), its fields are not read but its words are searchable"});
    out.unparsed = toml;
  }
}

// YAML marks count lines from 0 within the block, which starts on line 2.
int file_line(const YAML::Mark& mark) { return mark.line >= 0 ? mark.line + 2 : 2; }

// The file line a scalar's text starts on: a block scalar's mark is its '|'
// or '>' indicator, and its text starts on the next line.
int value_line(const std::string& yaml, const YAML::Node& value) {
  const YAML::Mark mark = value.Mark();
  const bool block = mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < yaml.size() &&
                     (yaml[static_cast<std::size_t>(mark.pos)] == '|' ||
                      yaml[static_cast<std::size_t>(mark.pos)] == '>');
  return file_line(mark) + (block ? 1 : 0);
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
    YamlBudget budget(yaml.size());
    for (const auto& entry : root) {
      if (!entry.first.IsScalar()) continue;
      const std::string& key = entry.first.Scalar();
      const YAML::Node& value = entry.second;
      bool complete = true;
      if (value.IsScalar()) {
        complete = budget.spend(value.Scalar().size());
        if (complete) {
          out.fields[key] = value.Scalar();
          out.value_lines[key] = value_line(yaml, value);
        }
      } else {
        if (value.IsSequence()) {
          FrontMatterList list;
          list.flow = value.Style() == YAML::EmitterStyle::Flow;
          for (const auto& item : value) {
            if (!item.IsScalar()) continue;
            complete = budget.spend(item.Scalar().size() + 1);
            if (!complete) break;
            list.items.push_back(item.Scalar());
            list.lines.push_back(file_line(item.Mark()));
          }
          out.lists[key] = std::move(list);
        }
        complete = complete && collect_scalars(value, 0, budget, out.nested_values);
      }
      out.key_lines[key] = file_line(entry.first.Mark());
      if (!complete) {
        out.diagnostics.push_back(Diagnostic{
            "", file_line(entry.first.Mark()),
            "front matter expands too far (YAML aliases or nesting): the rest of its "
            "values are not indexed"});
        break;
      }
    }
  } catch (const YAML::Exception& e) {
    // Mark lines count from 0 within the YAML, which starts on file line 2.
    out.diagnostics.push_back(
        Diagnostic{"", file_line(e.mark), "front matter is not valid YAML (" + e.msg +
                                 "), its fields are not read but its words are searchable"});
    out.unparsed = yaml;
    out.fields.clear();
    out.lists.clear();
    out.key_lines.clear();
    out.value_lines.clear();
    out.nested_values.clear();
  }
}

}  // namespace

FrontMatter take_front_matter(std::string& text) {
  FrontMatter out;
  const std::string_view first = trim_trailing_ascii_whitespace(line_at(text, 0));
  const bool yaml = first == "---";
  if (!yaml && first != "+++") return out;

  std::size_t body_start = text.find('\n');
  if (body_start == std::string::npos) return out;
  ++body_start;
  for (std::size_t pos = body_start; pos < text.size();) {
    std::string_view line = trim_trailing_ascii_whitespace(line_at(text, pos));
    std::size_t next = text.find('\n', pos);
    next = next == std::string::npos ? text.size() : next + 1;
    const bool closes = yaml ? (line == "---" || line == "...") : line == "+++";
    if (closes) {
      out.present = true;
      const std::string block = text.substr(body_start, pos - body_start);
      if (yaml) {
        parse_yaml(block, out);
      } else {
        parse_toml(block, out);
      }
      blank(text, 0, next);
      return out;
    }
    pos = next;
  }
  return out;  // no closing line: not front matter, leave it to Markdown
}

}  // namespace kb
