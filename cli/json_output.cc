#include "json_output.h"

#include <nlohmann/json.hpp>

namespace kbcli {

using nlohmann::json;

namespace {

json link_json(const kb::Link& link) {
  return {{"kind", kb::name_of(link.kind)}, {"raw", link.raw},
          {"target", link.target},             {"anchor", link.anchor},
          {"text", link.text},                 {"line", link.line},
          {"external", link.external}};
}

}  // namespace

std::string note_json_line(const kb::Note& note) {
  json headings = json::array();
  for (const kb::Heading& h : note.headings) {
    headings.push_back({{"level", h.level},
                        {"text", h.text},
                        {"line", h.line},
                        {"slug", h.slug},
                        {"docsify_slug", h.docsify_slug}});
  }
  json tags = json::array();
  for (const kb::Tag& t : note.tags) {
    tags.push_back({{"name", t.name},
                    {"source", kb::name_of(t.source)},
                    {"line", t.line}});
  }
  json links = json::array();
  for (const kb::Link& l : note.links) links.push_back(link_json(l));
  json warnings = json::array();
  for (const kb::Diagnostic& d : note.diagnostics) {
    warnings.push_back({{"line", d.line}, {"message", d.message}});
  }
  json data = {{"format_version", kJsonFormatVersion},
               {"path", note.path},
               {"title", note.title},
               {"date", note.date},
               {"fields", note.fields},
               {"aliases", note.aliases},
               {"tag_names", note.tag_names()},
               {"tags", std::move(tags)},
               {"headings", std::move(headings)},
               {"links", std::move(links)},
               {"encoding", note.encoding},
               {"repaired", note.repaired},
               {"warnings", std::move(warnings)},
               {"size", note.size}};
  return json{{"type", "note"}, {"data", std::move(data)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace kbcli
