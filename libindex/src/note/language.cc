#include "note/language.h"

#include <xapian.h>

#include "text/segmenter.h"
#include "text/utf8.h"

namespace kb {

namespace {

struct Counts {
  std::size_t cjk = 0;    // CJK word characters
  std::size_t words = 0;  // runs of other word characters

  void add(std::string_view text) {
    bool in_word = false;
    for (std::size_t i = 0; i < text.size();) {
      const char32_t c = utf8::next(text, i);
      const bool word_char = Xapian::Unicode::is_wordchar(static_cast<unsigned>(c));
      if (word_char && is_cjk(c)) {
        ++cjk;
        in_word = false;
      } else if (word_char) {
        if (!in_word) ++words;
        in_word = true;
      } else {
        in_word = false;
      }
    }
  }
};

}  // namespace

std::string note_language(const Note& note) {
  Counts counts;
  counts.add(note.title);
  for (const Block& block : note.blocks) {
    if (block.kind != Block::Kind::kCode) counts.add(block.text);
  }
  return counts.cjk > 0 && counts.cjk >= counts.words ? "zh" : "en";
}

}  // namespace kb
