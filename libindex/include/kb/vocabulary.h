// Vocabulary: the words of a knowledge base, as a guide for reading one of
// its notes.
//
// Mojibake repair (kb/note_parser.h) must choose among the characters a
// damaged byte sequence could have been; a character pair the knowledge
// base itself uses beats any dictionary guess. So parsing takes the
// vocabulary as an argument: Index::update() and Searcher::read_note() pass
// the index's own (see Index::update() for its two passes); a program that
// parses a lone file passes Vocabulary::none().
#ifndef KB_VOCABULARY_H_
#define KB_VOCABULARY_H_

#include <cstdint>
#include <string_view>

namespace kb {

class Vocabulary {
 public:
  virtual ~Vocabulary() = default;

  // A vocabulary that knows no words: repair by ICU's dictionary alone.
  // Lives as long as the process; thread-safe.
  static const Vocabulary& none();

  // How often the string of two CJK characters `pair` (UTF-8) occurs in
  // the knowledge base; 0 when never. Must not fail; implementations are
  // called from the parsing thread only.
  virtual std::uint64_t cjk_pair_frequency(std::string_view pair) const = 0;
};

}  // namespace kb

#endif  // KB_VOCABULARY_H_
