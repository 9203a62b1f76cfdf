#include "text/exact_key.h"

#include <xapian.h>

#include "text/segmenter.h"
#include "text/utf8.h"

namespace kb {

std::string exact_key(std::string_view text) {
  const std::string folded = normalize(text);
  std::string key;
  for (std::size_t i = 0; i < folded.size();) {
    const std::size_t start = i;
    const char32_t c = utf8::next(folded, i);
    // Xapian counts '_' (connector punctuation) as a word character, but a
    // file name writes it where a title writes a space: obsidian_ia.
    if (c != U'_' && Xapian::Unicode::is_wordchar(static_cast<unsigned>(c))) {
      key += std::string_view(folded).substr(start, i - start);
    }
  }
  return key;
}

}  // namespace kb
