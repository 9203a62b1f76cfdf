#include "store/property_term.h"

#include "store/link_keys.h"
#include "store/term_prefixes.h"
#include "text/segmenter.h"
#include "text/utf8.h"
#include "text/whitespace.h"

namespace kb {

namespace {

// `text` trimmed, each run of whitespace in it one space: a query splits
// its words at whitespace and cannot say how much there was.
std::string collapsed(std::string_view text) {
  text = trim_unicode_whitespace(text);
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    // A query may be invalid UTF-8: a bad byte is not whitespace.
    const std::size_t length = utf8::valid_sequence_length(text, i);
    if (length == 0) {
      ++i;
    } else if (is_unicode_whitespace(utf8::next(text, i))) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out.append(text.substr(at, i - at));
  }
  return out;
}

}  // namespace

std::string property_term(std::string_view key, std::string_view value) {
  const std::string folded_key = normalize(collapsed(key));
  const std::string folded_value = normalize(collapsed(value));
  if (folded_key.empty() || folded_value.empty()) return "";
  return key_term(prefix::kProperty, folded_key + ":" + folded_value);
}

}  // namespace kb
