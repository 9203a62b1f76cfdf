// The JSON Lines form of every result, for programs. The schema is
// cli/README.md's "JSON output"; change both together.
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "printer.h"

namespace kbcli {

namespace {

using nlohmann::json;

json hit_data(const kb::Hit& hit) {
  json highlights = json::array();
  for (const kb::Highlight& h : hit.snippet.highlights) {
    highlights.push_back(json::array({h.begin, h.end}));
  }
  return {{"path", hit.path},
          {"title", hit.title},
          {"score", hit.score},
          {"percent", hit.percent},
          {"tags", hit.tags},
          {"date", hit.date},
          {"line", hit.line},
          {"column", hit.column},
          {"heading_path", hit.heading_path},
          {"line_text", hit.line_text},
          {"duplicates", hit.duplicates},
          {"snippet", {{"text", hit.snippet.text}, {"highlights", highlights}}}};
}

json note_data(const kb::Note& note) {
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
  return {{"path", note.path},
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
}

json link_data(const kb::ResolvedLink& r) {
  return {{"source", r.source},
          {"target", r.target},
          {"status", kb::name_of(r.status)},
          {"line", r.link.line},
          {"anchor", r.link.anchor},
          {"context", r.context},
          {"kind", kb::name_of(r.link.kind)},
          {"raw", r.link.raw},
          {"candidates", r.candidates},
          {"suggestion", r.suggestion}};
}

json related_data(const kb::RelatedNote& n) {
  const char* link = n.links_to && n.linked_from ? "both"
                     : n.links_to                ? "to"
                     : n.linked_from             ? "from"
                                                 : nullptr;
  return {{"path", n.path},
          {"title", n.title},
          {"score", n.score},
          {"link", link == nullptr ? json(nullptr) : json(link)},
          {"shared_tags", n.shared_tags},
          {"shared_links", n.shared_targets},
          {"similar_words", n.similar_words}};
}

class JsonPrinter final : public Printer {
 public:
  JsonPrinter(OutputSink& out, std::string command)
      : out_(out), command_(std::move(command)), started_(std::chrono::steady_clock::now()) {}

  void search_results(const kb::SearchResults& results, const SearchEcho& echo,
                      HitView /*view*/) override {
    for (const kb::Hit& hit : results.hits) line("hit", hit_data(hit));
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
             {"sort", echo.sort}});
  }

  void note(const kb::Note& note) override {
    line("note", note_data(note));
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
      line("link", link_data(r));
      ++by_status[kb::name_of(r.status)];
    }
    summary(links.size(), since_start_ms(), {{"by_status", by_status}});
  }

  void note_paths(const std::vector<std::string>& paths) override {
    for (const std::string& path : paths) line("note", {{"path", path}});
    summary(paths.size(), since_start_ms());
  }

  void related_notes(const std::vector<kb::RelatedNote>& notes) override {
    for (const kb::RelatedNote& n : notes) line("note", related_data(n));
    summary(notes.size(), since_start_ms());
  }

  void tags(const std::vector<kb::TagCount>& tags, TagView /*view*/) override {
    for (const kb::TagCount& tag : tags) line("tag", {{"name", tag.name}, {"notes", tag.notes}});
    summary(tags.size(), since_start_ms());
  }

  void edges(const std::vector<Edge>& edges) override {
    std::set<std::string> notes;
    for (const auto& [from, to] : edges) {
      line("edge", {{"source", from}, {"target", to}});
      notes.insert(from);
      notes.insert(to);
    }
    summary(edges.size(), since_start_ms(), {{"notes", notes.size()}});
  }

 private:
  double since_start_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
        .count();
  }

  // Prints {"type": TYPE, "data": DATA} with the format version in DATA.
  void line(const char* type, json data) {
    data["format_version"] = kJsonFormatVersion;
    // Invalid UTF-8 in a note becomes U+FFFD rather than an exception.
    out_.write(json{{"type", type}, {"data", std::move(data)}}.dump(
                   -1, ' ', false, json::error_handler_t::replace) +
               "\n");
  }

  // The last line: `count` lines of data came before it.
  void summary(std::size_t count, double elapsed_ms, json fields = json::object()) {
    fields["command"] = command_;
    fields["count"] = count;
    fields["elapsed_ms"] = elapsed_ms;
    line("summary", std::move(fields));
  }

  OutputSink& out_;
  const std::string command_;
  const std::chrono::steady_clock::time_point started_;
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(OutputSink& out, std::string command) {
  return std::make_unique<JsonPrinter>(out, std::move(command));
}

}  // namespace kbcli
