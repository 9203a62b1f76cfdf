// Template tags: Hexo and Jekyll '{% ... %}' and '{{ ... }}' markup.
#ifndef KB_SRC_TEMPLATE_TAGS_H_
#define KB_SRC_TEMPLATE_TAGS_H_

#include <string>
#include <vector>

namespace kb {

// A removed "{% ... %}" tag: what was between the braces, trimmed
// ("post_link Transformer"), and its file line.
struct TemplateTag {
  std::string body;
  int line = 0;
};

// Removes every '{% ... %}' and '{{ ... }}' from `text` outside fenced code
// blocks and code spans, keeping the text between an opening and a closing tag and every
// line break, so that line numbers stay true. Returns the removed '{% %}'
// tags (not the '{{ }}' expressions), for the links some of them make.
std::vector<TemplateTag> strip_template_tags(std::string& text);

}  // namespace kb

#endif  // KB_SRC_TEMPLATE_TAGS_H_
