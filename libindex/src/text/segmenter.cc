#include "text/segmenter.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <unordered_map>

#include "text/utf8.h"

namespace kb {

namespace {

const icu::Normalizer2* nfkc_casefold() {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
  return U_SUCCESS(err) ? n : nullptr;
}

// Characters that NFKC case folding leaves as they are; the common case.
bool folds_to_itself(char32_t c) {
  return (c < 0x80 && !(c >= 'A' && c <= 'Z')) || (c >= 0x4E00 && c <= 0x9FFF);
}

// normalize() of the one code point `c`, remembered: the characters of a
// text that do not fold to themselves are few and repeat (full-width
// punctuation in Chinese, capitals elsewhere), and each trip through ICU
// converts to UTF-16 and back. Bounded, so that a text of many rare
// characters cannot grow it without end.
const std::string& folded_code_point(char32_t c) {
  constexpr std::size_t kMaxRemembered = 4096;
  thread_local std::unordered_map<char32_t, std::string> remembered;
  if (const auto found = remembered.find(c); found != remembered.end()) return found->second;
  if (remembered.size() >= kMaxRemembered) remembered.clear();
  std::string one;
  utf8::append(one, c);
  return remembered.emplace(c, normalize(one)).first->second;
}

}  // namespace

bool is_cjk(char32_t c) {
  if (c < 0x2E80) return false;
  return (c >= 0x2E80 && c <= 0x2EFF) || (c >= 0x3000 && c <= 0x9FFF) ||
         (c >= 0xA700 && c <= 0xA71F) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0x2F800 && c <= 0x2FA1F);
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

std::string normalize_with_map(std::string_view text, std::vector<std::size_t>& map) {
  const icu::Normalizer2* n = nfkc_casefold();
  std::string out;
  out.reserve(text.size());
  map.clear();
  map.reserve(text.size());
  // A piece is a character and the ones after it that compose with it
  // (no boundary before them); it normalises on its own.
  const auto starts_piece = [n](char32_t c) {
    return c < 0x80 || folds_to_itself(c) || n == nullptr ||
           n->hasBoundaryBefore(static_cast<UChar32>(c));
  };
  // Snippets fold every block of every hit they look at, so the common
  // text takes no trip through ICU: runs of ASCII and of common Han are
  // copied in bulk (ASCII lowered). Only a run's last character can start
  // a piece with a combining mark after it, so it takes the general path.
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const auto common_han_at = [&](std::size_t at) {  // U+4E00..U+9FFF, 3 bytes
    return at + 2 < text.size() && byte(at) >= 0xE4 && byte(at) <= 0xE9 &&
           (byte(at) != 0xE4 || byte(at + 1) >= 0xB8) && (byte(at + 1) & 0xC0) == 0x80 &&
           (byte(at + 2) & 0xC0) == 0x80;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run_end = i;
    while (run_end < text.size() && byte(run_end) < 0x80) ++run_end;
    if (run_end < text.size() && run_end > i) --run_end;
    if (run_end > i) {
      for (; i < run_end; ++i) {
        const unsigned char c = byte(i);
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
        map.push_back(i);
      }
      continue;
    }
    run_end = i;
    while (common_han_at(run_end) && common_han_at(run_end + 3)) run_end += 3;
    if (run_end > i) {
      out.append(text.substr(i, run_end - i));
      for (; i < run_end; i += 3) map.insert(map.end(), 3, i);
      continue;
    }
    const std::size_t start = i;
    const char32_t first = utf8::next(text, i);
    std::size_t end = i;
    while (end < text.size()) {
      std::size_t next = end;
      if (starts_piece(utf8::next(text, next))) break;
      end = next;
    }
    if (end != i) {
      out += normalize(text.substr(start, end - start));
    } else if (first >= 'A' && first <= 'Z') {
      out.push_back(static_cast<char>(first + 32));
    } else if (folds_to_itself(first) ||
               (n != nullptr && n->isInert(static_cast<UChar32>(first)))) {
      out.append(text.substr(start, end - start));
    } else {
      out += folded_code_point(first);
    }
    map.resize(out.size(), start);
    i = end;
  }
  return out;
}

}  // namespace kb
