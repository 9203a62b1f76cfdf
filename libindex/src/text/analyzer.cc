#include "text/analyzer.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "text/joined_forms.h"
#include "text/segmenter.h"
#include "text/utf8.h"

namespace kb {

Analyzer::Analyzer() : stemmer_("english") {
  latin_.set_stemmer(stemmer_);
  latin_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  cjk_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  cjk_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

// Xapian reads "gpt-4" as the words "gpt" and "4", and "gpt4" as one word:
// the joined form, and its stem as STEM_SOME indexes it, makes a query for
// either find both. It takes no position (its words have theirs), so it
// adds no phrase matches.
void Analyzer::index_joined_forms(std::string_view run, Xapian::termcount wdf_inc,
                                  const std::string& prefix) {
  if (doc_ == nullptr || run.find('-') == std::string_view::npos) return;
  // Xapian's own limit on a word's length, and its rule that a word
  // starting with a digit has no stemmed form.
  constexpr std::size_t kMaxWordBytes = 64;
  for (const LetterDigitSplit& split : letter_digit_splits(run)) {
    if (split.joined.size() > kMaxWordBytes) continue;
    doc_->add_term(prefix + split.joined, wdf_inc);
    const bool stemmed = split.joined[0] < '0' || split.joined[0] > '9';
    if (stemmed) doc_->add_term("Z" + prefix + stemmer_(split.joined), wdf_inc);
  }
}

void Analyzer::set_document(Xapian::Document& doc) {
  doc_ = &doc;
  latin_.set_document(doc);
  cjk_.set_document(doc);
  pos_ = 0;
}

void Analyzer::release_document() {
  Xapian::Document none;
  set_document(none);
  doc_ = nullptr;
}

void Analyzer::index_text(std::string_view text, Xapian::termcount wdf_inc,
                          const std::string& prefix) {
  const std::string folded = normalize(text);
  const Xapian::termpos start = pos_;
  pos_ = index_runs(folded, wdf_inc, "", start);
  // The field copy takes the same positions as the unprefixed words.
  if (!prefix.empty()) index_runs(folded, 1, prefix, start);
}

void Analyzer::index_field_only(std::string_view text, const std::string& prefix) {
  pos_ = index_runs(normalize(text), 1, prefix, pos_);
}

// Xapian keeps '&' between letters in a word ("at&t"), so a URL's query
// "logo=github&style=flat" made the word "github&style", and `style` missed
// it where grep -w finds it. As a space, '&' separates words; the query
// parser turns it into a hyphen (a phrase), so "AT&T" still finds "AT&T".
std::string without_ampersands(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '&', ' ');
  return out;
}

// Xapian gives punctuation and spaces no position, so "越大，模型" would
// match the phrase, and so the word, 大模型. A one-position gap wherever
// text without a word in it separates words keeps CJK words within a clause
// and never lets a phrase run across punctuation.
Xapian::termpos Analyzer::index_runs(std::string_view text,
                                     Xapian::termcount wdf_inc,
                                     const std::string& prefix,
                                     Xapian::termpos pos) {
  for (const ScriptRun& run : split_script_runs(text)) {
    if (run.cjk) {
      pos = index_cjk_run(run.text, wdf_inc, prefix, pos);
      continue;
    }
    latin_.set_termpos(pos);
    latin_.index_text(without_ampersands(run.text), wdf_inc, prefix);
    index_joined_forms(run.text, wdf_inc, prefix);
    pos = latin_.get_termpos() == pos ? pos + 1 : latin_.get_termpos();
  }
  return pos;
}

Xapian::termpos Analyzer::index_cjk_run(std::string_view run,
                                        Xapian::termcount wdf_inc,
                                        const std::string& prefix,
                                        Xapian::termpos pos) {
  std::size_t piece_start = 0;
  for (std::size_t i = 0; i <= run.size();) {
    const std::size_t at = i;
    const bool word_char =
        i < run.size() && Xapian::Unicode::is_wordchar(
                              static_cast<unsigned>(utf8::next(run, i)));
    if (word_char) continue;
    if (at > piece_start) {
      cjk_.set_termpos(pos);
      cjk_.index_text(std::string(run.substr(piece_start, at - piece_start)),
                      wdf_inc, prefix);
      pos = cjk_.get_termpos();
    }
    if (at == run.size()) break;
    ++pos;  // CJK punctuation: a gap, as for other word-less text
    if (i == at) utf8::next(run, i);
    piece_start = i;
  }
  return pos;
}

void Analyzer::end_field() { pos_ += 100; }

Xapian::Query phrase_query(std::string_view text) {
  Xapian::Document scratch;
  Analyzer analyzer;
  analyzer.set_document(scratch);
  analyzer.index_text(text, 1);
  std::vector<std::pair<Xapian::termpos, std::string>> at;
  for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, *t);
  }
  if (at.empty()) return Xapian::Query::MatchNothing;
  std::sort(at.begin(), at.end());
  if (at.size() == 1) return Xapian::Query(at[0].second);
  std::vector<Xapian::Query> terms;
  for (const auto& [pos, term] : at) terms.emplace_back(term);
  // The window spans the gaps index_text() leaves at punctuation.
  const Xapian::termcount window = at.back().first - at.front().first + 1;
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), window);
}

}  // namespace kb
