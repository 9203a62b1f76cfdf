#include "segmenter.h"

#include <unicode/normalizer2.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include "utf8.h"

namespace kb {

namespace {

const icu::Normalizer2* nfkc_casefold() {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
  return U_SUCCESS(err) ? n : nullptr;
}

// Characters that NFKC case folding leaves as they are; the common case.
bool folds_to_itself(char32_t c) {
  return (c < 0x80 && !(c >= 'A' && c <= 'Z')) ||
         (c >= 0x4E00 && c <= 0x9FFF);
}

std::string normalize_code_point(char32_t c) {
  std::string out;
  if (c >= 'A' && c <= 'Z') {
    out += static_cast<char>(c - 'A' + 'a');
    return out;
  }
  if (folds_to_itself(c)) {
    utf8::append(out, c);
    return out;
  }
  utf8::append(out, c);
  return normalize(out);
}

}  // namespace

bool is_cjk(char32_t c) {
  if (c >= 0x4E00 && c <= 0x9FFF) return true;  // fast path: common Han
  if (c < 0x2E80) return false;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &err);
  if (U_FAILURE(err)) return false;
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
         script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL;
}

std::vector<ScriptRun> split_script_runs(std::string_view text) {
  std::vector<ScriptRun> runs;
  std::size_t run_start = 0;
  bool run_cjk = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const bool cjk = is_cjk(utf8::next(text, i));
    if (at == 0) {
      run_cjk = cjk;
    } else if (cjk != run_cjk) {
      runs.push_back(ScriptRun{text.substr(run_start, at - run_start), run_cjk});
      run_start = at;
      run_cjk = cjk;
    }
  }
  if (run_start < text.size()) {
    runs.push_back(ScriptRun{text.substr(run_start), run_cjk});
  }
  return runs;
}

std::string normalize(std::string_view text) {
  const icu::Normalizer2* n = nfkc_casefold();
  if (n == nullptr) return std::string(text);
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = n->normalize(source, err);
  if (U_FAILURE(err)) return std::string(text);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::string normalize_with_map(std::string_view text,
                               std::vector<std::size_t>& map) {
  std::string out;
  map.clear();
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t c = utf8::next(text, i);
    std::string folded = normalize_code_point(c);
    out += folded;
    map.insert(map.end(), folded.size(), at);
  }
  return out;
}

}  // namespace kb
