#include "note/slug.h"

#include <unicode/uchar.h>

#include "text/utf8.h"
#include "text/whitespace.h"

namespace kb {

namespace {

bool is_mark(char32_t c) {
  const int8_t type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
         type == U_COMBINING_SPACING_MARK;
}

}  // namespace

std::string github_slug(std::string_view heading) {
  std::string slug;
  for (std::size_t i = 0; i < heading.size();) {
    const char32_t c = utf8::next(heading, i);
    const UChar32 lower = u_tolower(static_cast<UChar32>(c));
    if (c == ' ') {
      slug += '-';
    } else if (c == '-' || c == '_' || u_isalnum(lower) || is_mark(c)) {
      utf8::append(slug, static_cast<char32_t>(lower));
    }
  }
  return slug;
}

std::string docsify_slug(std::string_view heading) {
  std::string slug;
  bool pending_dash = false;
  const std::string_view text = trim_ascii_whitespace(heading);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '<') {
      // docsify drops "<...>" where no '>' or digit follows the '<'.
      const std::size_t close = text.find('>', i + 1);
      if (close != std::string_view::npos && close > i + 1 &&
          !(text[i + 1] >= '0' && text[i + 1] <= '9')) {
        i = close + 1;
        continue;
      }
    }
    char32_t c = utf8::next(text, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' ||
        c == 0x3000) {
      pending_dash = true;
      continue;
    }
    const bool ascii_punct = c < 0x80 && c != '_' && c != '-' &&
                             u_ispunct(static_cast<UChar32>(c));
    const bool ascii_symbol = c == '$' || c == '+' || c == '<' || c == '=' ||
                              c == '>' || c == '^' || c == '`' || c == '|' ||
                              c == '~';
    if (ascii_punct || ascii_symbol || (c >= 0x2000 && c <= 0x206F) ||
        (c >= 0x2E00 && c <= 0x2E7F)) {
      continue;
    }
    if (pending_dash) slug += '-';
    pending_dash = false;
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    utf8::append(slug, c);
  }
  if (pending_dash) slug += '-';
  if (!slug.empty() && slug[0] >= '0' && slug[0] <= '9') slug.insert(0, "_");
  return slug;
}

std::string SlugCounter::unique(const std::string& slug) {
  auto [it, fresh] = seen_.emplace(slug, 0);
  if (fresh) return slug;
  return slug + "-" + std::to_string(++it->second);
}

}  // namespace kb
