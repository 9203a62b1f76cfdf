// Front matter: the YAML block between '---' lines at the top of a note.
#ifndef KB_SRC_FRONT_MATTER_H_
#define KB_SRC_FRONT_MATTER_H_

#include <map>
#include <string>
#include <vector>

#include "kb/diagnostic.h"

namespace kb {

// A top-level front-matter list of scalars, such as `tags`.
struct FrontMatterList {
  std::vector<std::string> items;
  std::vector<int> lines;  // the file line of each item
  // Written in YAML flow style, "[a, b]": Hexo reads such a `categories`
  // list as one nested category (a block list is read as several).
  bool flow = false;
};

struct FrontMatter {
  bool present = false;
  // Top-level keys with scalar values, as written ("date" stays a string).
  std::map<std::string, std::string> fields;
  // Top-level keys whose values are lists of scalars.
  std::map<std::string, FrontMatterList> lists;
  // The file line of each top-level key.
  std::map<std::string, int> key_lines;
  // The file line each of `fields` starts on: its key's, unless the value
  // is written below it (a block scalar "key: |" starts on the next line).
  std::map<std::string, int> value_lines;
  // Every scalar inside lists and maps (tags, head meta, ...), in order.
  std::vector<std::string> nested_values;
  // The block as written when it does not parse: none of it is a field, a
  // tag or a link, but grep finds its words and so must a search.
  std::string unparsed;
  // Problems, with lines counted in the whole file.
  std::vector<Diagnostic> diagnostics;
};

// Finds front matter at the start of `text` (YAML between '---' lines, the
// closing line may be '...'; or TOML between '+++' lines), parses it and
// replaces its lines in `text` with empty lines, so that the Markdown parser
// neither sees it nor shifts the line numbers of the body. A block that does
// not parse gives a diagnostic with its line and no fields.
FrontMatter take_front_matter(std::string& text);

}  // namespace kb

#endif  // KB_SRC_FRONT_MATTER_H_
