// Untrusted text made safe to print as text: a note's title, lines and
// headings, and file names, can hold terminal escape sequences
// ("\033]0;...\007" retitles the window, "\033[2J" clears it) that must
// not reach a terminal, or a line-oriented reader, as they are.
//
// Control characters are shown as C escapes, as `ls -b` and git's quoted
// paths show them: "\n", "\r", "\t", "\x1b" for the other C0 characters
// and DEL, "\u009b" for C1 characters (U+0080-U+009F). Bytes that are not
// UTF-8 become U+FFFD, as nlohmann::json's replace handler makes them in
// JSON. A backslash stays as it is (notes are full of them), so the escape
// is for reading, not reversible: JSON and `-0` give the exact text.
#ifndef KB_CLI_SAFE_TEXT_H_
#define KB_CLI_SAFE_TEXT_H_

#include <string>
#include <string_view>

namespace kbcli {

// Prose: a title, a snippet, a line; a tab stays a tab.
std::string safe_text(std::string_view text);

// A file name or path, printed one per line or inside other text: a tab is
// escaped too.
std::string safe_path(std::string_view path);

// A path for a program that reads one path per line (`--files`): control
// characters escaped as safe_path() does, so that each path is one line,
// but bytes that are not UTF-8 kept as they are, as ripgrep prints them,
// so that the file can be opened.
std::string safe_path_line(std::string_view path);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

}  // namespace kbcli

#endif  // KB_CLI_SAFE_TEXT_H_
