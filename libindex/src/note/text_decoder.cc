#include "note/text_decoder.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "note/mojibake.h"
#include "text/segmenter.h"
#include "text/utf8.h"

namespace kb {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// Below this ICU's detector guesses wrongly on Chinese text
// (../shared/notes/toolchain.md §8): never guess the charset of less.
constexpr std::size_t kMinBytesToDetect = 64;
constexpr int32_t kMinConfidence = 50;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts `bytes` from `charset` to UTF-8 with ICU; false when ICU does not
// know the charset. Bytes that do not decode become U+FFFD and set `lossy`.
bool convert_to_utf8(std::string_view bytes, const char* charset,
                     std::string& out, bool& lossy) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(
      ucnv_open(charset, &err));
  if (U_FAILURE(err)) return false;
  // First strictly, to learn whether anything is lost.
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr,
                      nullptr, nullptr, &err);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()),
                          converter.get(), err);
  lossy = U_FAILURE(err);
  if (lossy) {
    err = U_ZERO_ERROR;
    ucnv_reset(converter.get());
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE,
                        nullptr, nullptr, nullptr, &err);
    text = icu::UnicodeString(bytes.data(), static_cast<int32_t>(bytes.size()),
                              converter.get(), err);
    if (U_FAILURE(err)) return false;
  }
  out.clear();
  text.toUTF8String(out);  // an unpaired surrogate becomes U+FFFD
  if (!lossy && out.find("\xEF\xBF\xBD") != std::string::npos) {
    lossy = text.indexOf(static_cast<UChar>(0xFFFD)) < 0;
  }
  return true;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// The charset ICU is confident about, or "" when it is not.
std::string detect_charset(std::string_view bytes, int32_t& confidence) {
  confidence = 0;
  if (bytes.size() < kMinBytesToDetect) return "";
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(
      ucsdet_open(&err));
  if (U_FAILURE(err)) return "";
  ucsdet_setText(detector.get(), bytes.data(),
                 static_cast<int32_t>(bytes.size()), &err);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &err);
  if (U_FAILURE(err) || match == nullptr) return "";
  confidence = ucsdet_getConfidence(match, &err);
  const char* name = ucsdet_getName(match, &err);
  if (U_FAILURE(err) || name == nullptr || confidence < kMinConfidence) {
    return "";
  }
  return name;
}

// True when most non-ASCII characters of `text` (UTF-8) are CJK: what a
// Chinese charset's clean decoding of Chinese text looks like, and what
// decoding Latin-1 or random bytes as GB18030 rarely gives.
bool mostly_cjk(std::string_view text) {
  std::size_t other = 0;
  std::size_t cjk = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = utf8::next(text, i);
    if (c < 0x80) continue;
    ++(is_cjk(c) ? cjk : other);
  }
  return cjk > 0 && cjk >= 4 * other;
}

// True when every byte of `bytes` above ASCII pairs as GB2312 encodes
// Chinese (a lead byte A1-F7, a trail byte A1-FE): Latin-1 ("Fr\xE4ulein")
// and cut UTF-8 (continuation bytes 80-BF) rarely do, though GB18030 would
// decode them too.
bool gb2312_pairs(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) continue;
    if (lead < 0xA1 || lead > 0xF7 || i + 1 >= bytes.size()) return false;
    const auto trail = static_cast<unsigned char>(bytes[++i]);
    if (trail < 0xA1 || trail > 0xFE) return false;
  }
  return true;
}

// Chinese notes too short for the detector: the bytes read as GB18030 (a
// superset of GBK and GB2312) when they pair as GB2312 does and decode to
// Chinese text. Big5 is not tried: every Big5 pair is also a valid GB18030
// pair, so decoding alone cannot tell them apart.
std::optional<std::string> clean_gb18030(std::string_view bytes) {
  if (bytes.size() >= kMinBytesToDetect || !gb2312_pairs(bytes)) return std::nullopt;
  std::string converted;
  bool lossy = false;
  if (convert_to_utf8(bytes, "gb18030", converted, lossy) && !lossy && mostly_cjk(converted)) {
    return converted;
  }
  return std::nullopt;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return s;
}

}  // namespace

bool looks_binary(std::string_view bytes) {
  if (starts_with(bytes, kUtf16LeBom) || starts_with(bytes, kUtf16BeBom)) {
    return false;
  }
  std::string_view head = bytes.substr(0, 8192);
  auto nuls = static_cast<std::size_t>(std::count(head.begin(), head.end(), '\0'));
  return nuls * 100 > head.size();
}

namespace {

DecodedText decode_bytes(std::string_view bytes,
                         const Vocabulary& vocabulary) {
  DecodedText out;
  if (starts_with(bytes, kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());

  const char* utf16 = starts_with(bytes, kUtf16LeBom)   ? "UTF-16LE"
                      : starts_with(bytes, kUtf16BeBom) ? "UTF-16BE"
                                                        : nullptr;
  if (utf16 != nullptr) {
    std::string converted;
    bool lossy = false;
    if (convert_to_utf8(bytes.substr(2), utf16, converted, lossy)) {
      out.encoding = lower(utf16);
      out.text = std::move(converted);
      out.lossy = lossy;
      if (lossy) {
        out.warnings.push_back("damaged " + out.encoding +
                               ": undecodable units replaced with U+FFFD");
      }
      return out;
    }
  }

  if (utf8::is_valid(bytes)) {
    std::optional<MojibakeRepair> repair = repair_mojibake(bytes, vocabulary);
    if (!repair) {
      out.text.assign(bytes);
      return out;
    }
    out.text = std::move(repair->text);
    out.repaired = "mojibake";
    out.lossy = repair->unrepaired > 0;
    out.warnings.push_back(
        "mojibake (UTF-8 once read as " + repair->codepage +
        " and saved again): repaired, " + std::to_string(repair->repaired) +
        " damaged characters rebuilt, " + std::to_string(repair->unrepaired) +
        " left as U+FFFD");
    return out;
  }

  int32_t confidence = 0;
  std::string charset = detect_charset(bytes, confidence);
  if (!charset.empty() && lower(charset) != "utf-8") {
    std::string converted;
    bool lossy = false;
    if (convert_to_utf8(bytes, charset.c_str(), converted, lossy)) {
      out.encoding = lower(charset);
      out.text = std::move(converted);
      out.lossy = lossy;
      out.warnings.push_back("not UTF-8: decoded as " + out.encoding +
                             " (detected with confidence " +
                             std::to_string(confidence) + ")" +
                             (lossy ? ", some bytes replaced with U+FFFD" : ""));
      return out;
    }
  }

  if (std::optional<std::string> chinese = clean_gb18030(bytes)) {
    out.encoding = "gb18030";
    out.text = std::move(*chinese);
    out.warnings.push_back("not UTF-8: decoded as " + out.encoding +
                           " (every byte decodes, as Chinese text)");
    return out;
  }

  std::size_t replaced = 0;
  out.text = utf8::replace_invalid(bytes, &replaced);
  out.lossy = true;
  out.warnings.push_back("invalid UTF-8: " + std::to_string(replaced) +
                         " byte sequence(s) replaced with U+FFFD");
  return out;
}

}  // namespace

DecodedText decode_text(std::string_view bytes,
                        const Vocabulary& vocabulary) {
  DecodedText out = decode_bytes(bytes, vocabulary);
  // cmark ends a line at a lone CR, editors and ripgrep do not: a space
  // keeps every line number counted in '\n' the same for all of them.
  for (std::size_t i = 0; i < out.text.size(); ++i) {
    if (out.text[i] == '\r' && (i + 1 == out.text.size() || out.text[i + 1] != '\n')) {
      out.text[i] = ' ';
    }
  }
  // A stray NUL is not text (cmark would turn it into U+FFFD silently).
  const auto nuls =
      static_cast<std::size_t>(std::count(out.text.begin(), out.text.end(), '\0'));
  if (nuls > 0) {
    std::string cleaned;
    cleaned.reserve(out.text.size() + 2 * nuls);
    for (char c : out.text) {
      if (c == '\0') {
        cleaned += "\xEF\xBF\xBD";
      } else {
        cleaned += c;
      }
    }
    out.text = std::move(cleaned);
    out.lossy = true;
    out.warnings.push_back(std::to_string(nuls) +
                           " NUL byte(s) replaced with U+FFFD");
  }
  return out;
}

std::size_t encoded_size(std::string_view utf8, const std::string& encoding) {
  if (encoding == "utf-8") return utf8.size();
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(encoding.c_str(), &err));
  if (U_FAILURE(err)) return utf8.size();
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  // Preflighting: no buffer, so ICU only counts (and says the buffer is short).
  const int32_t size = text.extract(nullptr, 0, converter.get(), err);
  if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR) return utf8.size();
  return static_cast<std::size_t>(size);
}

}  // namespace kb
