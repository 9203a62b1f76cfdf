// Segmenter: splits text into script runs and normalises it, the same way at
// index time and at query time.
#ifndef KB_SRC_SEGMENTER_H_
#define KB_SRC_SEGMENTER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

// True for code points of the scripts indexed as n-grams: Han, Hiragana,
// Katakana and Hangul.
bool is_cjk(char32_t c);

// A maximal stretch of text that is all CJK or all not CJK. Characters of no
// script (punctuation, digits, spaces) are not CJK.
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

// Like normalize(), one code point at a time, with a map from each byte of
// the result to the byte of `text` it came from (map.size() == result.size()).
// Used where highlights must point back into the original text.
std::string normalize_with_map(std::string_view text,
                               std::vector<std::size_t>& map);

}  // namespace kb

#endif  // KB_SRC_SEGMENTER_H_
