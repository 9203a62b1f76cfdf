// FormatTemplate: the TEMPLATE of `--format`, text with {name} placeholders
// that a command fills in for each item it prints, one line an item, as
// zk's --format does. A command names its fields; an engine of its own is
// not needed (search hits, note lists, tagged blocks each pass a map).
#ifndef KB_CLI_FORMAT_TEMPLATE_H_
#define KB_CLI_FORMAT_TEMPLATE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/status.h"

namespace kbcli {

// A placeholder an item fills, and what it holds (for --help).
struct TemplateField {
  std::string name;  // {name}
  std::string meaning;
};

// "{a} {b} ...": the fields as --help lists them.
std::string placeholder_list(const std::vector<TemplateField>& fields);

class FormatTemplate {
 public:
  // Parses `text`, where {name} is a placeholder for one of `fields`, and
  // \t, \n, \\, \{ and \} stand for a tab, a newline, a backslash and the
  // braces. An unknown placeholder, an unknown escape or an unclosed brace
  // is kInvalidArgument with "--format" as subject, naming it.
  static kb::Result<FormatTemplate> parse(std::string_view text,
                                          const std::vector<TemplateField>& fields);

  // The template with each placeholder replaced by its value in `values`
  // ("" when missing), then a newline.
  std::string render(const std::map<std::string, std::string>& values) const;

  // Whether {name} is in the template: a field that costs more to fill
  // (reading the file, for a column) is filled only then.
  bool uses(std::string_view name) const;

 private:
  // Literal text, and placeholders (`is_field`) between.
  struct Piece {
    bool is_field = false;
    std::string text;  // the literal, or the field's name
  };
  std::vector<Piece> pieces_;
};

}  // namespace kbcli

#endif  // KB_CLI_FORMAT_TEMPLATE_H_
