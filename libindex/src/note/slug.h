// Slugs: the anchor ids that sites generate for headings, so that links
// like "MolecularD.md#文献收集总结" can be checked.
#ifndef KB_SRC_SLUG_H_
#define KB_SRC_SLUG_H_

#include <map>
#include <string>
#include <string_view>

namespace kb {

// GitHub's slug (github-slugger): lower case; letters, digits, marks, '_'
// and '-' kept; every space becomes '-'; all else dropped.
// "Scaled Dot-Product Attention!" -> "scaled-dot-product-attention".
std::string github_slug(std::string_view heading);

// docsify's slug: trimmed; A-Z lowered; HTML tags, ASCII punctuation but
// '_' and '-', and U+2000-U+206F / U+2E00-U+2E7F dropped; then each run of
// whitespace and '-' becomes one '-'; a leading digit gets '_' in front.
// "2024.4.3 计划" -> "_202443-计划".
std::string docsify_slug(std::string_view heading);

// Makes repeated slugs unique the way both sites do: the first "x" stays
// "x", later ones become "x-1", "x-2", ... One counter per document.
class SlugCounter {
 public:
  std::string unique(const std::string& slug);

 private:
  std::map<std::string, int> seen_;
};

}  // namespace kb

#endif  // KB_SRC_SLUG_H_
