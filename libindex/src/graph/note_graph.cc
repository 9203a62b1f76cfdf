#include "graph/note_graph.h"

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "graph/link_report.h"
#include "graph/link_resolver.h"
#include "graph/note_links.h"
#include "note/tags.h"
#include "store/term_prefixes.h"

namespace kb {

namespace {

// The notes a filter keeps, from the boolean terms search's `tag:` and
// `path:` use; nullopt when it keeps every note.
class KeptNotes {
 public:
  KeptNotes(const IndexCatalog& catalog, const GraphFilter& filter) {
    if (!filter.tag.empty()) {
      std::string key = tag_key(filter.tag);
      while (!key.empty() && key.back() == '/') key.pop_back();
      narrow(catalog, prefix::kTag + key);
    }
    if (!filter.folder.empty()) {
      std::string folder = filter.folder;
      while (!folder.empty() && folder.back() == '/') folder.pop_back();
      narrow(catalog, prefix::kFolder + folder);
    }
  }

  bool keeps(const std::string& path) const { return !kept_ || kept_->count(path) != 0; }

 private:
  // Keeps only the notes that also carry `term`.
  void narrow(const IndexCatalog& catalog, const std::string& term) {
    const Xapian::Database& db = catalog.database();
    std::set<std::string> with_term;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      const std::string path = catalog.path_of(*it);
      if (keeps(path)) with_term.insert(path);
    }
    kept_ = std::move(with_term);
  }

  std::optional<std::set<std::string>> kept_;
};

std::string top_folder(const std::string& path) {
  const std::size_t slash = path.find('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// `graph` with the nodes of `distances` (path -> distance) and the edges
// of `edges` between two of them.
Result<NoteGraph> assemble(const IndexCatalog& catalog, NoteGraph graph,
                           const std::map<std::string, int>& distances, const EdgeSet& edges) {
  for (const auto& [path, distance] : distances) {
    Result<Note> note = catalog.record(path, RecordParts{false, false});
    if (!note) return note.error();
    graph.nodes.push_back(GraphNode{path, note->title, top_folder(path), distance});
  }
  for (const auto& edge : edges) {
    if (distances.count(edge.first) != 0 && distances.count(edge.second) != 0) {
      graph.edges.push_back(edge);
    }
  }
  return graph;
}

}  // namespace

void add_note_edges(const IndexCatalog& catalog, const std::vector<ResolvedLink>& links,
                    EdgeSet& edges) {
  for (const ResolvedLink& r : links) {
    if (reaches_note(r) && r.source != r.target && catalog.find(r.target) != 0) {
      edges.emplace(r.source, r.target);
    }
  }
}

Result<NoteGraph> note_neighbourhood(const IndexCatalog& catalog, const std::string& path,
                                     int depth, const GraphFilter& filter) {
  if (catalog.find(path) == 0) return Status::not_found(path, "no such note in the index");
  const KeptNotes kept(catalog, filter);
  std::map<std::string, int> distances = {{path, 0}};
  EdgeSet edges;
  // Breadth first, one ring at a time: bounded by `depth` rings and by
  // the notes of the index, each entering a ring once.
  std::vector<std::string> ring = {path};
  for (int distance = 0; distance < depth && !ring.empty(); ++distance) {
    std::vector<std::string> next;
    for (const std::string& note : ring) {
      Result<std::vector<ResolvedLink>> out = outgoing_links(catalog, note);
      if (!out) return out.error();
      Result<std::vector<ResolvedLink>> in = backlinks(catalog, note);
      if (!in) return in.error();
      EdgeSet found;
      add_note_edges(catalog, *out, found);
      add_note_edges(catalog, *in, found);
      for (const auto& edge : found) {
        const std::string& other = edge.first == note ? edge.second : edge.first;
        if (!kept.keeps(other)) continue;
        if (distances.emplace(other, distance + 1).second) next.push_back(other);
      }
      edges.insert(found.begin(), found.end());
    }
    ring = std::move(next);
  }
  // The last ring's links among themselves: each is an outgoing link of
  // one of them.
  for (const std::string& note : ring) {
    Result<std::vector<ResolvedLink>> out = outgoing_links(catalog, note);
    if (!out) return out.error();
    add_note_edges(catalog, *out, edges);
  }
  NoteGraph graph;
  graph.centre = path;
  return assemble(catalog, std::move(graph), distances, edges);
}

Result<NoteGraph> whole_note_graph(const IndexCatalog& catalog, const GraphFilter& filter) {
  const KeptNotes kept(catalog, filter);
  Result<std::vector<ResolvedLink>> all = all_links(catalog);
  if (!all) return all.error();
  EdgeSet note_edges;
  add_note_edges(catalog, *all, note_edges);
  std::map<std::string, int> nodes;
  EdgeSet shown;
  for (const auto& edge : note_edges) {
    if (!kept.keeps(edge.first) || !kept.keeps(edge.second)) continue;
    shown.insert(edge);
    nodes.emplace(edge.first, -1);
    nodes.emplace(edge.second, -1);
  }
  if (filter.unlinked) {
    for (const std::string& path : catalog.all_paths()) {
      if (kept.keeps(path)) nodes.emplace(path, -1);
    }
  }
  return assemble(catalog, NoteGraph{}, nodes, shown);
}

}  // namespace kb
