#include "text/segmenter.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

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

std::string normalize_with_map(std::string_view text,
                               std::vector<std::size_t>& map) {
  const icu::Normalizer2* n = nfkc_casefold();
  std::string out;
  out.reserve(text.size());
  map.clear();
  map.reserve(text.size());
  std::size_t piece_start = 0;
  // Snippets fold every block of every hit: ASCII and common Han, nearly all
  // of the text, are copied without going through ICU.
  const auto flush = [&](std::size_t piece_end) {
    if (piece_end == piece_start) return;
    const std::string_view piece = text.substr(piece_start, piece_end - piece_start);
    const auto b0 = static_cast<unsigned char>(piece[0]);
    if (piece.size() == 1 && b0 < 0x80) {
      out.push_back(static_cast<char>(b0 >= 'A' && b0 <= 'Z' ? b0 + 32 : b0));
    } else {
      std::size_t i = 0;
      const char32_t first = utf8::next(piece, i);
      if (i == piece.size() && folds_to_itself(first)) {
        out.append(piece);
      } else {
        out += i == piece.size() ? normalize_code_point(first) : normalize(piece);
      }
    }
    map.resize(out.size(), piece_start);
    piece_start = piece_end;
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t c = utf8::next(text, i);
    // A character that composes with what came before stays in its piece.
    const bool boundary = c < 0x80 || folds_to_itself(c) || n == nullptr ||
                          n->hasBoundaryBefore(static_cast<UChar32>(c));
    if (boundary) flush(at);
  }
  flush(text.size());
  return out;
}

}  // namespace kb
