#include "safe_text.h"

#include <cstdint>

namespace kbcli {

namespace {

constexpr std::size_t kInvalid = 0;

// The length of the well-formed UTF-8 sequence at `text[pos]` (1 to 4),
// with its code point in `cp`; kInvalid when the bytes there are not one.
std::size_t decode(std::string_view text, std::size_t pos, char32_t& cp) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return kInvalid;
  }
  if (pos + length > text.size()) return kInvalid;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
  return length;
}

void append_hex(std::string& out, const char* prefix, unsigned value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

struct Rules {
  bool keep_tab = false;
  bool keep_invalid_bytes = false;
};

std::string escaped(std::string_view text, Rules rules) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    const std::size_t length = decode(text, pos, cp);
    if (length == kInvalid) {
      if (rules.keep_invalid_bytes) {
        out += text[pos];
      } else {
        out += "\xEF\xBF\xBD";  // U+FFFD
      }
      ++pos;
      continue;
    }
    if (cp == '\t' && rules.keep_tab) {
      out += '\t';
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || cp == 0x7F) {
      append_hex(out, "\\x", static_cast<unsigned>(cp), 2);
    } else if (cp >= 0x80 && cp <= 0x9F) {
      append_hex(out, "\\u", static_cast<unsigned>(cp), 4);
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

// True when every byte is printable ASCII (the common case: no copy).
bool plain_ascii(std::string_view text, bool tab_allowed) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x7F || (b < 0x20 && !(b == '\t' && tab_allowed))) return false;
  }
  return true;
}

}  // namespace

std::string safe_text(std::string_view text) {
  if (plain_ascii(text, /*tab_allowed=*/true)) return std::string(text);
  return escaped(text, Rules{.keep_tab = true});
}

std::string safe_path(std::string_view path) {
  if (plain_ascii(path, /*tab_allowed=*/false)) return std::string(path);
  return escaped(path, Rules{});
}

std::string safe_path_line(std::string_view path) {
  if (plain_ascii(path, /*tab_allowed=*/false)) return std::string(path);
  return escaped(path, Rules{.keep_invalid_bytes = true});
}

bool is_valid_utf8(std::string_view text) {
  char32_t cp = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t length = decode(text, pos, cp);
    if (length == kInvalid) return false;
    pos += length;
  }
  return true;
}

}  // namespace kbcli
