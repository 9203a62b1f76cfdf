#include "analyzer.h"

#include "segmenter.h"

namespace kb {

Analyzer::Analyzer() {
  latin_.set_stemmer(Xapian::Stem("english"));
  latin_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  cjk_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  cjk_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void Analyzer::set_document(Xapian::Document& doc) {
  latin_.set_document(doc);
  cjk_.set_document(doc);
  pos_ = 0;
}

void Analyzer::index_text(std::string_view text, Xapian::termcount wdf_inc,
                          const std::string& prefix) {
  const std::string folded = normalize(text);
  index_runs(folded, wdf_inc, "");
  if (!prefix.empty()) index_runs(folded, 1, prefix);
}

void Analyzer::index_runs(std::string_view text, Xapian::termcount wdf_inc,
                          const std::string& prefix) {
  // The prefixed copy reuses the positions of the unprefixed one.
  const Xapian::termpos start = pos_;
  Xapian::termpos pos = start;
  for (const ScriptRun& run : split_script_runs(text)) {
    Xapian::TermGenerator& gen = run.cjk ? cjk_ : latin_;
    gen.set_termpos(pos);
    gen.index_text(std::string(run.text), wdf_inc, prefix);
    // Punctuation and spaces get no position from Xapian, so "越大，模型"
    // would match the phrase, and so the word, 大模型. A one-position gap
    // after a run with no word in it keeps CJK words within a clause.
    pos = gen.get_termpos() == pos ? pos + 1 : gen.get_termpos();
  }
  if (prefix.empty()) pos_ = pos;
}

void Analyzer::end_field() { pos_ += 100; }

}  // namespace kb
