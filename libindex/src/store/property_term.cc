#include "store/property_term.h"

#include "store/link_keys.h"
#include "store/term_prefixes.h"
#include "text/segmenter.h"
#include "text/whitespace.h"

namespace kb {

std::string property_term(std::string_view key, std::string_view value) {
  const std::string folded_key = normalize(trim_unicode_whitespace(key));
  const std::string folded_value = normalize(trim_unicode_whitespace(value));
  if (folded_key.empty() || folded_value.empty()) return "";
  return key_term(prefix::kProperty, folded_key + ":" + folded_value);
}

}  // namespace kb
