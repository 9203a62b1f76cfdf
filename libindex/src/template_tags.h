// Template tags: Hexo and Jekyll '{% ... %}' and '{{ ... }}' markup.
#ifndef KB_SRC_TEMPLATE_TAGS_H_
#define KB_SRC_TEMPLATE_TAGS_H_

#include <string>

namespace kb {

// Removes every '{% ... %}' and '{{ ... }}' from `text` outside fenced code
// blocks, keeping the text between an opening and a closing tag and every
// line break, so that line numbers stay true. Returns how many were removed.
int strip_template_tags(std::string& text);

}  // namespace kb

#endif  // KB_SRC_TEMPLATE_TAGS_H_
