// The JSON Lines form of every result, for programs. The schema is
// cli/README.md's "JSON output"; change both together.
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <string>

#include "base64.h"
#include "json_line.h"
#include "printer.h"
#include "safe_text.h"

namespace kbcli {

namespace {

using nlohmann::json;

// Sets `key` of `data` to `path` (from the root) and, beside it, its
// absolute form and, when the name is not UTF-8 (and so `key` holds it with
// U+FFFD), its exact bytes in base64: "path", "abs_path" and "path_bytes";
// for another key K, "K", "K_abs_path" and "K_path_bytes". The one way a
// note path is written in JSON.
void put_path(json& data, const std::string& key, const std::string& path,
              const PathDisplay& paths) {
  const std::string prefix = key == "path" ? "" : key + "_";
  data[key] = path;
  data[prefix + "abs_path"] = paths.absolute(path);
  if (!is_valid_utf8(path)) data[prefix + "path_bytes"] = base64(path);
}

json hit_data(const kb::Hit& hit, const PathDisplay& paths) {
  json highlights = json::array();
  for (const kb::Highlight& h : hit.snippet.highlights) {
    highlights.push_back(json::array({h.begin, h.end}));
  }
  json lines = json::array();
  for (const kb::MatchingLine& m : hit.lines) {
    lines.push_back({{"line", m.line}, {"column", m.column}, {"text", m.text}});
  }
  json data = {{"title", hit.title},
          {"score", hit.score},
          {"percent", hit.percent},
          {"tags", hit.tags},
          {"date", hit.date},
          {"line", hit.line},
          {"column", hit.column},
          {"heading_path", hit.heading_path},
          {"line_text", hit.line_text},
          {"lines", lines},
          {"duplicates", hit.duplicates},
          {"snippet", {{"text", hit.snippet.text}, {"highlights", highlights}}}};
  put_path(data, "path", hit.path, paths);
  if (!hit.kb.empty()) data["kb"] = hit.kb;  // only from shards (kb/shards.h)
  return data;
}

json note_data(const kb::Note& note, const PathDisplay& paths) {
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
    tags.push_back({{"name", t.name}, {"source", kb::name_of(t.source)}, {"line", t.line}});
  }
  json links = json::array();
  for (const kb::Link& l : note.links) {
    links.push_back({{"kind", kb::name_of(l.kind)},
                     {"raw", l.raw},
                     {"target", l.target},
                     {"anchor", l.anchor},
                     {"text", l.text},
                     {"line", l.line},
                     {"external", l.external}});
  }
  json warnings = json::array();
  for (const kb::Diagnostic& d : note.diagnostics) {
    warnings.push_back({{"line", d.line}, {"message", d.message}});
  }
  json data = {{"title", note.title},
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
  put_path(data, "path", note.path, paths);
  return data;
}

json link_data(const kb::ResolvedLink& r, const PathDisplay& paths) {
  json data = {{"status", kb::name_of(r.status)},
          {"line", r.link.line},
          {"anchor", r.link.anchor},
          {"context", r.context},
          {"kind", kb::name_of(r.link.kind)},
          {"raw", r.link.raw},
          {"candidates", r.candidates},
          {"suggestion", r.suggestion}};
  put_path(data, "source", r.source, paths);
  // Only lists of the links that point at one note have it (backlinks,
  // mentions).
  if (!r.source_title.empty()) data["source_title"] = r.source_title;
  // A broken link names no note: its target stays "", with no other form.
  if (r.target.empty()) {
    data["target"] = "";
  } else {
    put_path(data, "target", r.target, paths);
  }
  return data;
}

json block_data(const kb::BlockHit& block, const PathDisplay& paths) {
  json data = {{"title", block.title},
          {"date", block.date},
          {"kind", kb::name_of(block.kind)},
          {"line", block.line},
          {"last_line", block.last_line},
          {"text", block.text},
          {"tags", block.tags}};
  put_path(data, "path", block.path, paths);
  return data;
}

json related_data(const kb::RelatedNote& n, const PathDisplay& paths) {
  const char* link = n.links_to && n.linked_from ? "both"
                     : n.links_to                ? "to"
                     : n.linked_from             ? "from"
                                                 : nullptr;
  json data = {{"title", n.title},
          {"score", n.score},
          {"link", link == nullptr ? json(nullptr) : json(link)},
          {"shared_tags", n.shared_tags},
          {"shared_links", n.shared_targets},
          {"similar_words", n.similar_words}};
  put_path(data, "path", n.path, paths);
  return data;
}

class JsonPrinter final : public Printer {
 public:
  JsonPrinter(OutputSink& out, std::string command, PathDisplay paths)
      : out_(out),
        command_(std::move(command)),
        paths_(std::move(paths)),
        started_(std::chrono::steady_clock::now()) {}

  void search_results(const kb::SearchResults& results, const SearchEcho& echo,
                      HitView /*view*/) override {
    for (const kb::Hit& hit : results.hits) line("hit", hit_data(hit, paths_));
    for (const kb::ShardError& e : echo.unavailable) {
      line("shard_error", {{"kb", e.shard},
                           {"code", kb::code_name(e.status.code())},
                           {"message", e.status.to_string()}});
    }
    summary(results.hits.size(), echo.elapsed_ms,
            {{"query", echo.query},
             {"hits", results.hits.size()},
             {"total", results.estimated_total},
             {"total_is_exact", results.total_is_exact},
             {"offset", echo.options.offset},
             // null: no limit, every hit is above.
             {"limit", echo.options.limit == kb::SearchOptions::kNoLimit
                           ? nlohmann::json(nullptr)
                           : nlohmann::json(echo.options.limit)},
             {"sort", echo.sort},
             {"warnings", results.warnings}});
  }

  void note(const kb::Note& note) override {
    line("note", note_data(note, paths_));
    summary(1, since_start_ms());
  }

  void note_html(const std::string& path, const std::string& html) override {
    json data = {{"html", html}};
    put_path(data, "path", path, paths_);
    line("html", std::move(data));
    summary(1, since_start_ms());
  }

  void links(const std::vector<kb::ResolvedLink>& links, LinkView /*view*/) override {
    // Every status is counted, 0 included, so that consumers need no default.
    using Status = kb::ResolvedLink::Status;
    std::map<std::string, std::size_t> by_status;
    for (const Status status : {Status::kResolved, Status::kBroken, Status::kBrokenAnchor,
                                Status::kAmbiguous, Status::kExternal}) {
      by_status[kb::name_of(status)] = 0;
    }
    for (const kb::ResolvedLink& r : links) {
      line("link", link_data(r, paths_));
      ++by_status[kb::name_of(r.status)];
    }
    summary(links.size(), since_start_ms(), {{"by_status", by_status}});
  }

  void note_paths(const std::vector<std::string>& paths) override {
    for (const std::string& path : paths) {
      json data = json::object();
      put_path(data, "path", path, paths_);
      line("note", std::move(data));
    }
    summary(paths.size(), since_start_ms());
  }

  void related_notes(const std::vector<kb::RelatedNote>& notes) override {
    for (const kb::RelatedNote& n : notes) line("note", related_data(n, paths_));
    summary(notes.size(), since_start_ms());
  }

  void tags(const std::vector<kb::TagCount>& tags, TagView /*view*/) override {
    for (const kb::TagCount& tag : tags) line("tag", {{"name", tag.name}, {"notes", tag.notes}});
    summary(tags.size(), since_start_ms());
  }

  void note_graph(const kb::NoteGraph& graph) override {
    for (const kb::GraphNode& node : graph.nodes) {
      json data = {{"title", node.title}, {"folder", node.folder}};
      put_path(data, "path", node.path, paths_);
      if (node.distance >= 0) data["distance"] = node.distance;
      line("node", std::move(data));
    }
    // Edges name nodes by the path above; their absolute forms are the nodes'.
    for (const auto& [from, to] : graph.edges) line("edge", {{"source", from}, {"target", to}});
    summary(graph.nodes.size() + graph.edges.size(), since_start_ms(),
            {{"notes", graph.nodes.size()}, {"edges", graph.edges.size()}});
  }

  void blocks(const kb::BlockResults& results, const std::string& query) override {
    for (const kb::BlockHit& block : results.blocks) line("block", block_data(block, paths_));
    summary(results.blocks.size(), since_start_ms(),
            {{"query", query}, {"blocks", results.blocks.size()}, {"total", results.total}});
  }

 private:
  double since_start_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
        .count();
  }

  void line(const char* type, json data) { write_json_line(out_, type, std::move(data)); }

  // The last line: `count` lines of data came before it.
  void summary(std::size_t count, double elapsed_ms, json fields = json::object()) {
    fields["command"] = command_;
    fields["count"] = count;
    fields["elapsed_ms"] = elapsed_ms;
    line("summary", std::move(fields));
  }

  OutputSink& out_;
  const std::string command_;
  const PathDisplay paths_;
  const std::chrono::steady_clock::time_point started_;
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(OutputSink& out, std::string command,
                                           PathDisplay paths) {
  return std::make_unique<JsonPrinter>(out, std::move(command), std::move(paths));
}

}  // namespace kbcli
