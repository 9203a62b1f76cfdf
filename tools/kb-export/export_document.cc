#include "export_document.h"

#include <cstddef>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/link_graph.h"
#include "kb/note.h"
#include "kb/note_paths.h"
#include "kb/searcher.h"
#include "kb/version.h"
#include "search_index.h"

namespace kbexport {

namespace {

using json = nlohmann::ordered_json;

// A path, or null for "" (a link that resolves to nothing).
json path_or_null(const std::string& path) { return path.empty() ? json(nullptr) : json(path); }

// The plain text of the blocks, a blank line between two.
std::string plain_text(const kb::Note& note) {
  std::string text;
  for (const kb::Block& block : note.blocks) {
    if (!text.empty()) text += "\n\n";
    text += block.text;
  }
  return text;
}

json headings_of(const kb::Note& note) {
  json headings = json::array();
  for (const kb::Heading& h : note.headings) {
    headings.push_back({{"level", h.level}, {"text", h.text}, {"line", h.line}, {"slug", h.slug}});
  }
  return headings;
}

json links_of(const std::vector<kb::ResolvedLink>& links) {
  json out = json::array();
  for (const kb::ResolvedLink& l : links) {
    out.push_back({{"target", path_or_null(l.target)},
                   {"status", kb::name_of(l.status)},
                   {"kind", kb::name_of(l.link.kind)},
                   {"line", l.link.line},
                   {"text", l.link.text},
                   {"raw", l.link.raw},
                   {"anchor", l.link.anchor}});
  }
  return out;
}

json broken_of(const std::vector<kb::ResolvedLink>& links) {
  json out = json::array();
  for (const kb::ResolvedLink& l : links) {
    out.push_back({{"source", l.source},
                   {"target", path_or_null(l.target)},
                   {"status", kb::name_of(l.status)},
                   {"line", l.link.line},
                   {"raw", l.link.raw},
                   {"text", l.link.text},
                   {"candidates", l.candidates},
                   {"suggestion", l.suggestion}});
  }
  return out;
}

// The notes that link to each note, counted once per source.
std::map<std::string, std::size_t> backlink_counts(
    const std::vector<std::pair<std::string, std::string>>& edges) {
  std::map<std::string, std::size_t> counts;
  for (const auto& [source, target] : edges) ++counts[target];
  return counts;
}

}  // namespace

kb::Result<nlohmann::ordered_json> export_document(const std::filesystem::path& root,
                                                   const ExportOptions& options) {
  auto graph = kb::LinkGraph::open(root);
  if (!graph) return graph.error();
  auto searcher = kb::Searcher::open(root);
  if (!searcher) return searcher.error();

  // Every indexed note, linked or not, by path: one term range of the
  // index (kb/note_paths.h), not a resolution of every link.
  auto paths = kb::indexed_note_paths(root, "");
  if (!paths) return paths.error();
  auto edges = graph->edges();
  if (!edges) return edges.error();
  const std::map<std::string, std::size_t> backlinks = backlink_counts(*edges);

  json notes = json::array();
  SearchIndexBuilder search_index;
  for (const std::string& path : *paths) {
    auto hit = searcher->describe(path);
    if (!hit) return hit.error();
    auto links = graph->links(path);
    if (!links) return links.error();
    json entry = {{"path", path},
                  {"title", hit->title},
                  {"date", hit->date},
                  {"tags", hit->tags},
                  {"aliases", json::array()},
                  {"headings", json::array()},
                  {"properties", json::object()},
                  {"links", links_of(*links)}};
    const auto count = backlinks.find(path);
    entry["backlinks"] = count == backlinks.end() ? 0 : count->second;

    std::string text;
    auto note = searcher->read_note(path);
    if (note) {
      entry["aliases"] = note->aliases;
      entry["headings"] = headings_of(*note);
      entry["properties"] = note->properties;
      text = plain_text(*note);
    } else if (options.on_warning) {
      // Indexed, but gone or unreadable since: what the index knows stays.
      options.on_warning(note.error().to_string() + " (exported as the index holds it)");
    }
    std::vector<std::string_view> fields = {hit->title};
    if (note) fields.insert(fields.end(), note->aliases.begin(), note->aliases.end());
    fields.insert(fields.end(), hit->tags.begin(), hit->tags.end());
    fields.push_back(text);
    search_index.add_note(fields);
    if (options.text) entry["text"] = std::move(text);
    notes.push_back(std::move(entry));
  }

  auto tags = graph->tags();
  if (!tags) return tags.error();
  json tag_list = json::array();
  for (const kb::TagCount& t : *tags) tag_list.push_back({{"name", t.name}, {"notes", t.notes}});

  json edge_list = json::array();
  for (const auto& [source, target] : *edges) {
    edge_list.push_back({{"source", source}, {"target", target}});
  }

  auto broken = graph->broken();
  if (!broken) return broken.error();
  auto orphans = graph->orphans();
  if (!orphans) return orphans.error();

  return json{{"format_version", kFormatVersion},
              {"generator", std::string("kb-export ") + kb::version()},
              // The folder's name only: the document goes on a public site, and
              // the path above the knowledge base is the user's own.
              {"root", std::filesystem::weakly_canonical(root).filename().string()},
              {"notes", std::move(notes)},
              {"tags", std::move(tag_list)},
              {"links", std::move(edge_list)},
              {"broken", broken_of(*broken)},
              {"orphans", *orphans},
              {"search_index", search_index.to_json()}};
}

}  // namespace kbexport
