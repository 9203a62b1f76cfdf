// Analyzer: turns text into Xapian terms for the index.
#ifndef KB_SRC_ANALYZER_H_
#define KB_SRC_ANALYZER_H_

#include <xapian.h>

#include <string>
#include <string_view>

namespace kb {

// Indexes text into one Xapian document. CJK runs go through an unstemmed
// generator with CJK n-grams (every substring is found); other runs through
// an English generator that keeps both stemmed and exact forms. Both share
// one term position counter, so phrases work across scripts. Text is
// NFKC-case-folded first, exactly as the query parser does with queries.
// A letter-digit split ("gpt-4") is also indexed joined ("gpt4").
class Analyzer {
 public:
  Analyzer();

  // Starts a new document; terms go to `doc` until release_document().
  void set_document(Xapian::Document& doc);
  // Lets go of the document, which the analyzer otherwise holds until the
  // next one. Required before the document goes to another thread:
  // Xapian's reference counts are not atomic, so the analyzer dropping its
  // reference while the other thread copies the document corrupts it.
  void release_document();

  // Indexes `text` with each word's wdf raised by `wdf_inc`; with a prefix,
  // the words are indexed under it too (for field queries).
  void index_text(std::string_view text, Xapian::termcount wdf_inc,
                  const std::string& prefix = "");

  // Indexes `text` under `prefix` only, each word with wdf 1: a field that
  // ranking weighs apart, whose words are already indexed unprefixed.
  void index_field_only(std::string_view text, const std::string& prefix);

  // Leaves a gap in positions so that phrases do not span two fields.
  void end_field();

 private:
  // Indexes `text` from position `pos`; returns the position after it.
  Xapian::termpos index_runs(std::string_view text, Xapian::termcount wdf_inc,
                             const std::string& prefix, Xapian::termpos pos);
  Xapian::termpos index_cjk_run(std::string_view run, Xapian::termcount wdf_inc,
                                const std::string& prefix, Xapian::termpos pos);
  // Adds the joined form of each letter-digit split of `run` ("gpt-4" ->
  // "gpt4", text/joined_forms.h).
  void index_joined_forms(std::string_view run, Xapian::termcount wdf_inc,
                          const std::string& prefix);

  Xapian::Stem stemmer_;
  Xapian::TermGenerator latin_;
  Xapian::TermGenerator cjk_;
  Xapian::termpos pos_ = 0;
  Xapian::Document* doc_ = nullptr;  // the document set_document() gave
};

// `text` with each '&' a space: Xapian would keep it inside a word.
std::string without_ampersands(std::string_view text);

// The query that finds `text` where the index holds it: the positional
// terms index_text() makes of it (CJK characters, other words in their exact
// form), in order, as a phrase; one term alone is that term. MatchNothing
// when `text` has no words. Because it runs the analyzer itself, it never
// disagrees with the index.
Xapian::Query phrase_query(std::string_view text);

}  // namespace kb

#endif  // KB_SRC_ANALYZER_H_
