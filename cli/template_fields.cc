#include "template_fields.h"

#include <algorithm>
#include <cstdio>

#include "safe_text.h"

namespace kbcli {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

std::vector<TemplateField> with(std::vector<TemplateField> more) {
  std::vector<TemplateField> all = note_fields();
  all.insert(all.end(), more.begin(), more.end());
  return all;
}

// Text as the text printer shows it (cli/safe_text.h), and a tab as "\t"
// too: templates are often tab-separated, and a tab in a title would
// shift every later column.
std::string field_text(std::string_view text) {
  std::string out;
  for (char c : safe_text(text)) {
    if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

// Paths as --files prints them (one line each, bytes kept), text as
// field_text(): a template's output is line-oriented text too.
TemplateValues values_of_note(const kb::Hit& note, const PathDisplay& paths) {
  return {{"path", safe_path_line(paths.shown(note.path))},
          {"abs_path", safe_path_line(paths.absolute(note.path))},
          {"title", field_text(note.title)},
          {"date", field_text(note.date)},
          {"tags", field_text(join(note.tags, ", "))}};
}

}  // namespace

const std::vector<TemplateField>& note_fields() {
  static const std::vector<TemplateField> kFields = {
      {"path", "the note's path, as the other output prints it"},
      {"abs_path", "its absolute path"},
      {"title", "its title"},
      {"date", "ISO 8601: the front-matter date, else the modification time (UTC)"},
      {"tags", "its distinct tags, joined by \", \""}};
  return kFields;
}

const std::vector<TemplateField>& hit_fields() {
  static const std::vector<TemplateField> kFields = with({
      {"line", "the best-matching line (1-based)"},
      {"column", "the byte column of the match on that line, as --vimgrep counts it"},
      {"score", "the relevance weight, 3 decimals"},
      {"percent", "relevance 0-100"},
      {"headings", "the headings above that line, joined by \" › \""},
      {"text", "that line as indexed (markup removed)"},
      {"snippet", "the extract, without highlight marks"},
  });
  return kFields;
}

const std::vector<TemplateField>& link_fields() {
  static const std::vector<TemplateField> kFields = with({
      {"line", "the line of the link (or mention) in the note"},
      {"text", "the text of that line, markup removed"},
  });
  return kFields;
}

const std::vector<TemplateField>& block_fields() {
  static const std::vector<TemplateField> kFields = with({
      {"line", "the block's first line (1-based)"},
      {"last_line", "its last line"},
      {"kind", "item, paragraph or heading"},
      {"text", "its text, markup removed, its lines joined by spaces"},
  });
  return kFields;
}

CLI::Option* add_format_option(CLI::App& command, std::string& format,
                               const std::vector<TemplateField>& fields, const std::string& what) {
  return command
      .add_option("--format", format,
                  "Print " + what + " as TEMPLATE, then a newline: " + placeholder_list(fields) +
                      "; escapes \\t \\n \\\\ \\{ \\} (cli/README.md, \"--format\")")
      ->type_name("TEMPLATE");
}

kb::Status parse_format_option(const std::string& text, const std::vector<TemplateField>& fields,
                               std::optional<FormatTemplate>& format) {
  if (text.empty()) return kb::Status();
  kb::Result<FormatTemplate> parsed = FormatTemplate::parse(text, fields);
  if (!parsed) return parsed.error();
  format = std::move(*parsed);
  return kb::Status();
}

TemplateValues hit_values(const kb::Hit& hit, const PathDisplay& paths) {
  TemplateValues values = values_of_note(hit, paths);
  char score[32];
  std::snprintf(score, sizeof score, "%.3f", hit.score);
  values["line"] = std::to_string(hit.line);
  values["column"] = std::to_string(hit.column);
  values["score"] = score;
  values["percent"] = std::to_string(hit.percent);
  values["headings"] = field_text(join(hit.heading_path, " › "));
  values["text"] = field_text(hit.line_text);
  values["snippet"] = field_text(hit.snippet.text);
  return values;
}

TemplateValues note_values(const kb::Searcher& searcher, const std::string& path,
                           const PathDisplay& paths) {
  kb::Result<kb::Hit> note = searcher.describe(path);
  if (note) return values_of_note(*note, paths);
  kb::Hit only_path;
  only_path.path = path;
  return values_of_note(only_path, paths);
}

TemplateValues block_values(const kb::BlockHit& block, const PathDisplay& paths) {
  kb::Hit note;
  note.path = block.path;
  note.title = block.title;
  note.date = block.date;
  note.tags = block.tags;
  TemplateValues values = values_of_note(note, paths);
  std::string text = block.text;
  std::replace(text.begin(), text.end(), '\n', ' ');
  values["line"] = std::to_string(block.line);
  values["last_line"] = std::to_string(block.last_line);
  values["kind"] = kb::name_of(block.kind);
  values["text"] = field_text(text);
  return values;
}

TemplateValues link_values(const kb::Searcher& searcher, const kb::ResolvedLink& link,
                           const PathDisplay& paths) {
  TemplateValues values = note_values(searcher, link.source, paths);
  values["line"] = std::to_string(link.link.line);
  values["text"] = field_text(link.context);
  return values;
}

}  // namespace kbcli
