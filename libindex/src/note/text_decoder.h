// Text decoder: turns the raw bytes of a file into UTF-8.
#ifndef KB_SRC_TEXT_DECODER_H_
#define KB_SRC_TEXT_DECODER_H_

#include <string>
#include <string_view>
#include <vector>

#include "note/mojibake.h"

namespace kb {

struct DecodedText {
  std::string text;               // valid UTF-8, without a byte-order mark
  std::string encoding = "utf-8";  // what the bytes were read as
  bool lossy = false;             // some bytes became U+FFFD
  std::string repaired;           // "mojibake" when the text was repaired
  std::vector<std::string> warnings;
};

// True when `bytes` look like a binary file rather than text: NUL bytes make
// up more than 1% of the first 8 KiB and there is no UTF-16 byte-order mark.
bool looks_binary(std::string_view bytes);

// Decodes `bytes`: a UTF-8 BOM is dropped, UTF-16 with a BOM is converted,
// valid UTF-8 is kept as it is unless it is mojibake (UTF-8 once read as a
// Windows code page and saved again), which is repaired. Anything else is
// converted from the charset ICU detects when it is confident (GBK text comes
// out as "gb18030"), and otherwise read as UTF-8 with each bad sequence
// replaced by U+FFFD. Every change is explained in `warnings`. NUL bytes
// become U+FFFD (with a warning) and a CR not followed by LF a space, so that
// lines are counted by LF alone, as editors and ripgrep count them.
// `vocabulary` guides the mojibake repair (see mojibake.h).
DecodedText decode_text(std::string_view bytes,
                        const Vocabulary& vocabulary = Vocabulary::none());

// How many bytes the UTF-8 text `utf8` takes when written in `encoding`, a
// DecodedText::encoding ("utf-8", "gb18030", "big5", "utf-16le", ...),
// without a byte-order mark: so that an offset into decoded text can be
// told as an offset into the file. The UTF-8 size when ICU does not know
// the encoding.
std::size_t encoded_size(std::string_view utf8, const std::string& encoding);

}  // namespace kb

#endif  // KB_SRC_TEXT_DECODER_H_
