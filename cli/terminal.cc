#include "terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include "safe_text.h"

namespace kbcli {

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  // A dumb terminal (Emacs shell buffers, some CI logs) prints escapes raw.
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return stdout_is_terminal();
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

std::string styled(const std::string& text, Style style, bool color) {
  if (!color) return text;
  const char* code = "";
  switch (style) {
    case Style::kTitle: code = "\033[1m"; break;
    case Style::kPath: code = "\033[35m"; break;
    case Style::kLine: code = "\033[32m"; break;
    case Style::kHeading: code = "\033[36m"; break;
    case Style::kMatch: code = "\033[1;31m"; break;
  }
  return code + text + "\033[0m";
}

std::string render_snippet(const kb::Snippet& snippet, bool color) {
  // Each piece is made safe on its own, as the highlights count bytes of
  // the snippet as it is.
  const std::string_view text = snippet.text;
  std::string out;
  std::size_t pos = 0;
  for (const kb::Highlight& h : snippet.highlights) {
    out += safe_text(text.substr(pos, h.begin - pos));
    const std::string match = safe_text(text.substr(h.begin, h.end - h.begin));
    out += color ? styled(match, Style::kMatch, true) : "【" + match + "】";
    pos = h.end;
  }
  out += safe_text(text.substr(pos));
  return out;
}

}  // namespace kbcli
