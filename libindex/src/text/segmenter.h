// Segmenter: splits text into script runs and normalises it, the same way at
// index time and at query time.
#ifndef KB_SRC_SEGMENTER_H_
#define KB_SRC_SEGMENTER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

// True for the code points indexed as n-grams: the CJK blocks (Han, kana,
// Hangul, CJK punctuation, full-width forms, ...). The ranges are exactly
// those of Xapian 1.4's own CJK tokenizer, which the query parser uses, so
// that index and query always split text the same way.
bool is_cjk(char32_t c);

// A maximal stretch of text that is all CJK or all not CJK.
struct ScriptRun {
  std::string_view text;
  bool cjk = false;
};

// Splits valid UTF-8 `text` into script runs; `attention权重` gives
// "attention" and "权重".
std::vector<ScriptRun> split_script_runs(std::string_view text);

// NFKC case folding with the root locale (never the process locale):
// "ＡＢＣ" and "Abc" both become "abc".
std::string normalize(std::string_view text);

// Like normalize(), with a map from each byte of the result to the byte of
// `text` it came from (map.size() == result.size()): the start of the
// smallest piece of `text` that normalises on its own (a character with its
// combining marks, "ｶﾞ" -> "ガ"). Used where highlights must point back into
// the original text; a piece ends where the next piece's map value starts.
std::string normalize_with_map(std::string_view text,
                               std::vector<std::size_t>& map);

}  // namespace kb

#endif  // KB_SRC_SEGMENTER_H_
