// The --format fields of the items kbsearch lists: search hits, notes
// (orphans), and the notes links come from (backlinks, mentions). Each
// list names its fields once, for parsing, --help and cli/README.md; the
// *_values functions fill them for one item.
#ifndef KB_CLI_TEMPLATE_FIELDS_H_
#define KB_CLI_TEMPLATE_FIELDS_H_

#include <CLI/CLI.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "display_path.h"
#include "format_template.h"
#include "kb/link_graph.h"
#include "kb/searcher.h"

namespace kbcli {

using TemplateValues = std::map<std::string, std::string>;

// {path} {abs_path} {title} {date} {tags}: every note has them.
const std::vector<TemplateField>& note_fields();
// note_fields() and {line} {column} {score} {percent} {headings} {text} {snippet}.
const std::vector<TemplateField>& hit_fields();
// note_fields() of the source note, and {line} {text} of the link's line.
const std::vector<TemplateField>& link_fields();

// note_fields() of the block's note, but {tags} the block's own, and
// {line} {last_line} {kind} {text} of the block.
const std::vector<TemplateField>& block_fields();

// Declares `--format TEMPLATE` on `command`, storing it in `format`; its
// help names `fields`, which `what` ("each hit") is printed with.
CLI::Option* add_format_option(CLI::App& command, std::string& format,
                               const std::vector<TemplateField>& fields, const std::string& what);

// Parses the --format value `text` for items with `fields` into `format`;
// leaves it empty when `text` is (no --format given). Errors as
// FormatTemplate::parse().
kb::Status parse_format_option(const std::string& text, const std::vector<TemplateField>& fields,
                               std::optional<FormatTemplate>& format);

// {path} is shown as `paths` shows it, {abs_path} absolute; paths are kept
// byte for byte as --files keeps them, and text is made safe to print
// (cli/safe_text.h).
TemplateValues hit_values(const kb::Hit& hit, const PathDisplay& paths);
// The note at `path`, as `searcher` describes it; only {path} and
// {abs_path} when it cannot (the index changed meanwhile).
TemplateValues note_values(const kb::Searcher& searcher, const std::string& path,
                           const PathDisplay& paths);
TemplateValues block_values(const kb::BlockHit& block, const PathDisplay& paths);
TemplateValues link_values(const kb::Searcher& searcher, const kb::ResolvedLink& link,
                           const PathDisplay& paths);

}  // namespace kbcli

#endif  // KB_CLI_TEMPLATE_FIELDS_H_
