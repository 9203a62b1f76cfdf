// One line of kbsearch's JSON Lines: {"type": TYPE, "data": {...,
// "format_version": kJsonFormatVersion}} (cli/README.md, "JSON output").
// The JSON printer and `config` write every line through it.
#ifndef KB_CLI_JSON_LINE_H_
#define KB_CLI_JSON_LINE_H_

#include <nlohmann/json.hpp>

#include "output_sink.h"

namespace kbcli {

// Writes `data` as a line of `type` to `out`, with the format version in
// `data`; bytes that are not UTF-8 (a note's text, a file name) become
// U+FFFD rather than an exception.
void write_json_line(OutputSink& out, const char* type, nlohmann::json data);

}  // namespace kbcli

#endif  // KB_CLI_JSON_LINE_H_
