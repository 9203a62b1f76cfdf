#include "format_template.h"

#include <algorithm>

namespace kbcli {

std::string placeholder_list(const std::vector<TemplateField>& fields) {
  std::string out;
  for (const TemplateField& f : fields) out += (out.empty() ? "{" : " {") + f.name + "}";
  return out;
}

kb::Result<FormatTemplate> FormatTemplate::parse(std::string_view text,
                                                 const std::vector<TemplateField>& fields) {
  FormatTemplate parsed;
  std::string literal;
  const auto error = [](const std::string& what) {
    return kb::Status::invalid_argument("--format", what);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      if (i + 1 == text.size()) return error("a lone \\ at the end (write \\\\ for one)");
      const char escaped = text[++i];
      switch (escaped) {
        case 't': literal += '\t'; break;
        case 'n': literal += '\n'; break;
        case '\\':
        case '{':
        case '}': literal += escaped; break;
        default:
          return error(std::string("unknown escape \\") + escaped +
                       " (known: \\t \\n \\\\ \\{ \\})");
      }
    } else if (c == '{') {
      const std::size_t close = text.find('}', i + 1);
      if (close == std::string_view::npos) {
        return error("unclosed { at byte " + std::to_string(i + 1) + " (write \\{ for one)");
      }
      const std::string name(text.substr(i + 1, close - i - 1));
      const bool known = std::any_of(fields.begin(), fields.end(),
                                     [&](const TemplateField& f) { return f.name == name; });
      if (!known) {
        return error("unknown placeholder {" + name + "} (known: " + placeholder_list(fields) +
                     ")");
      }
      if (!literal.empty()) parsed.pieces_.push_back(Piece{false, std::move(literal)});
      literal.clear();
      parsed.pieces_.push_back(Piece{true, name});
      i = close;
    } else if (c == '}') {
      return error("a } without { at byte " + std::to_string(i + 1) + " (write \\} for one)");
    } else {
      literal += c;
    }
  }
  if (!literal.empty()) parsed.pieces_.push_back(Piece{false, std::move(literal)});
  return parsed;
}

std::string FormatTemplate::render(const std::map<std::string, std::string>& values) const {
  std::string out;
  for (const Piece& piece : pieces_) {
    if (!piece.is_field) {
      out += piece.text;
      continue;
    }
    const auto value = values.find(piece.text);
    if (value != values.end()) out += value->second;
  }
  return out + "\n";
}

bool FormatTemplate::uses(std::string_view name) const {
  return std::any_of(pieces_.begin(), pieces_.end(),
                     [&](const Piece& piece) { return piece.is_field && piece.text == name; });
}

}  // namespace kbcli
