#include "kb/link_graph.h"

#include "graph/link_graph_internal.h"

#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "store/document_builder.h"
#include "store/index_layout.h"
#include "kb/index.h"
#include "store/link_keys.h"
#include "graph/link_resolver.h"
#include "store/note_record.h"
#include "search/query_parser.h"
#include "text/segmenter.h"
#include "note/tags.h"
#include "store/term_prefixes.h"
#include "base/xapian_error.h"

namespace kb {
namespace fs = std::filesystem;

const char* name_of(ResolvedLink::Status status) {
  switch (status) {
    case ResolvedLink::Status::kResolved: return "resolved";
    case ResolvedLink::Status::kBroken: return "broken";
    case ResolvedLink::Status::kBrokenAnchor: return "broken-anchor";
    case ResolvedLink::Status::kAmbiguous: return "ambiguous";
    case ResolvedLink::Status::kExternal: return "external";
  }
  return "unknown";
}

namespace {

fs::path canonical_root(const fs::path& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  return ec ? fs::absolute(root, ec) : canonical;
}

// The catalogue over the index, with per-call caches: a whole-knowledge-
// base report looks the same names up many times.
class IndexCatalog : public NoteCatalog {
 public:
  IndexCatalog(const Xapian::Database& db, const fs::path& root)
      : db_(db), root_(canonical_root(root)) {}

  std::vector<std::string> notes_with(const std::string& term) const override {
    auto cached = names_.find(term);
    if (cached != names_.end()) return cached->second;
    std::vector<std::string> paths;
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
      paths.push_back(path_of(*it));
    }
    std::sort(paths.begin(), paths.end());
    return names_[term] = paths;
  }

  std::optional<Note> record(const std::string& path) const override {
    auto cached = records_.find(path);
    if (cached != records_.end()) return cached->second;
    Result<Note> note = decode_note_record(db_.get_metadata(record_key(path)));
    std::optional<Note> out;
    if (note) out = std::move(*note);
    return records_[path] = out;
  }

  // A source note's links, without its blocks: reading many sources, most
  // of a full record would be text nobody looks at.
  std::vector<Link> links_of(const std::string& path) const {
    Result<Note> note = decode_note_record(db_.get_metadata(record_key(path)),
                                           /*with_blocks=*/false);
    return note ? std::move(note->links) : std::vector<Link>{};
  }

  bool file_exists(const std::string& path) const override {
    return file_inside_root(path, 0);
  }

  // True when `path` (relative to the root) is a regular file that stays
  // inside the root. Each folder on the way is lstat'ed and a symbolic link
  // followed by reading it, never through it, so nothing outside the root
  // is ever stat'ed (as the crawler promises too).
  bool file_inside_root(const std::string& path, int hops) const {
    constexpr int kMaxHops = 40;  // as the kernel's ELOOP limit
    std::string done;
    std::size_t pos = 0;
    struct stat st {};
    while (pos <= path.size()) {
      std::size_t end = path.find('/', pos);
      if (end == std::string::npos) end = path.size();
      const std::string part = path.substr(pos, end - pos);
      const std::string current = done.empty() ? part : done + "/" + part;
      if (part.empty() || ::lstat((root_ / current).c_str(), &st) != 0) return false;
      if (S_ISLNK(st.st_mode)) {
        char target[4096];
        const ssize_t n = ::readlink((root_ / current).c_str(), target, sizeof target);
        if (n <= 0 || hops >= kMaxHops) return false;
        const std::string link(target, static_cast<std::size_t>(n));
        std::optional<std::string> next;
        if (link[0] == '/') {
          const fs::path relative = fs::path(link).lexically_normal().lexically_relative(root_);
          if (!relative.empty() && *relative.begin() != "..") next = relative.generic_string();
        } else {
          next = resolve_relative(done.empty() ? "x" : done + "/x", link);
        }
        if (!next || next->empty() || *next == ".") return false;
        const std::string rest = end < path.size() ? path.substr(end) : "";
        return file_inside_root(*next + rest, hops + 1);
      }
      done = current;
      pos = end + 1;
    }
    return S_ISREG(st.st_mode);
  }

  std::string path_of(Xapian::docid id) const {
    return db_.get_document(id).get_value(slot::kPath);
  }

 private:
  Xapian::Database db_;
  fs::path root_;
  mutable std::map<std::string, std::vector<std::string>> names_;
  mutable std::map<std::string, std::optional<Note>> records_;
};

bool by_source_and_line(const ResolvedLink& a, const ResolvedLink& b) {
  return a.source != b.source ? a.source < b.source : a.link.line < b.link.line;
}

}  // namespace

std::vector<std::string> find_notes_in(const Xapian::Database& db, const fs::path& root,
                                       std::string_view spec) {
  IndexCatalog catalog(db, root);
  std::string_view name = spec;
  while (name.substr(0, 2) == "./") name.remove_prefix(2);
  const std::string key = name_key(name);
  for (const std::vector<std::string>& tier :
       {std::vector<std::string>{key_term(prefix::kNamePath, key)},
        std::vector<std::string>{key_term(prefix::kNameStem, key)},
        std::vector<std::string>{key_term(prefix::kNameTitle, key),
                                 key_term(prefix::kNameAlias, key)}}) {
    std::set<std::string> found;
    for (const std::string& term : tier) {
      for (const std::string& path : catalog.notes_with(term)) found.insert(path);
    }
    if (!found.empty()) return std::vector<std::string>(found.begin(), found.end());
  }
  return {};
}

Result<std::vector<ResolvedLink>> backlinks_in(const Xapian::Database& db,
                                               const fs::path& root,
                                               const std::string& path) {
  const std::string id = note_id_term(path);
  if (db.postlist_begin(id) == db.postlist_end(id)) {
    return Status::not_found(path, "no such note in the index");
  }
  const Xapian::docid target = *db.postlist_begin(id);
  // The link terms that could name this note, from the names it carries.
  static const std::map<std::string, std::vector<const char*>> kLinksFor = {
      {prefix::kNamePath, {prefix::kLinkPath, prefix::kLinkName}},
      {prefix::kNameFolder, {prefix::kLinkPath, prefix::kLinkName}},
      {prefix::kNameSuffix, {prefix::kLinkName}},
      {prefix::kNameStem, {prefix::kLinkName, prefix::kLinkStem}},
      {prefix::kNameTitle, {prefix::kLinkName}},
      {prefix::kNameAlias, {prefix::kLinkName}}};
  std::set<std::string> wanted;
  for (auto t = db.termlist_begin(target); t != db.termlist_end(target); ++t) {
    const std::string term = *t;
    if (term.rfind("XN", 0) != 0 || term.size() < 4) continue;
    auto links = kLinksFor.find(term.substr(0, 4));
    if (links == kLinksFor.end()) continue;
    for (const char* link_prefix : links->second) wanted.insert(link_prefix + term.substr(4));
  }
  std::vector<Xapian::Query> terms;
  for (const std::string& term : wanted) terms.emplace_back(term);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet sources = enquire.get_mset(0, db.get_doccount());

  IndexCatalog catalog(db, root);
  std::vector<ResolvedLink> found;
  for (auto it = sources.begin(); it != sources.end(); ++it) {
    if (*it == target) continue;
    const std::string source = catalog.path_of(*it);
    for (const Link& link : catalog.links_of(source)) {
      if (wanted.count(link_term(source, link)) == 0) continue;
      ResolvedLink r = resolve_link(source, link, catalog);
      if (r.target == path && r.status != ResolvedLink::Status::kAmbiguous) {
        found.push_back(std::move(r));
      }
    }
  }
  // One entry per line, its first link: a line with three links to the
  // note is one place.
  std::stable_sort(found.begin(), found.end(), by_source_and_line);
  found.erase(std::unique(found.begin(), found.end(),
                          [](const ResolvedLink& a, const ResolvedLink& b) {
                            return a.source == b.source && a.link.line == b.link.line;
                          }),
              found.end());
  return found;
}

Result<std::vector<ResolvedLink>> links_in(const Xapian::Database& db, const fs::path& root,
                                           const std::string& path) {
  IndexCatalog catalog(db, root);
  const std::optional<Note> note = catalog.record(path);
  if (!note) return Status::not_found(path, "no such note in the index");
  std::vector<ResolvedLink> out;
  for (const Link& link : note->links) out.push_back(resolve_link(path, link, catalog));
  return out;
}

struct LinkGraph::Impl {
  fs::path root;
  Xapian::Database db;

  std::vector<std::string> all_paths() const {
    std::vector<std::string> paths;
    for (auto it = db.valuestream_begin(slot::kPath); it != db.valuestream_end(slot::kPath);
         ++it) {
      paths.push_back(*it);
    }
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  // Every link of the knowledge base, resolved.
  std::vector<ResolvedLink> resolve_all() const {
    IndexCatalog catalog(db, root);
    std::vector<ResolvedLink> all;
    for (const std::string& path : all_paths()) {
      for (const Link& link : catalog.links_of(path)) {
        all.push_back(resolve_link(path, link, catalog));
      }
    }
    return all;
  }
};

LinkGraph::LinkGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LinkGraph::LinkGraph(LinkGraph&&) noexcept = default;
LinkGraph& LinkGraph::operator=(LinkGraph&&) noexcept = default;
LinkGraph::~LinkGraph() = default;

Result<LinkGraph> LinkGraph::open(const fs::path& root) {
  Result<Xapian::Database> db = open_for_reading(root);
  if (!db) return db.error();
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  impl->db = std::move(*db);
  return LinkGraph(std::move(impl));
}

Result<std::vector<std::string>> LinkGraph::find_notes(std::string_view spec) const {
  return guarded(std::string(spec), [&]() -> Result<std::vector<std::string>> {
    return find_notes_in(impl_->db, impl_->root, spec);
  });
}

Result<std::vector<ResolvedLink>> LinkGraph::backlinks(const std::string& path) const {
  return guarded(path, [&]() { return backlinks_in(impl_->db, impl_->root, path); });
}

Result<std::vector<ResolvedLink>> LinkGraph::links(const std::string& path) const {
  return guarded(path, [&]() { return links_in(impl_->db, impl_->root, path); });
}

Result<std::vector<ResolvedLink>> LinkGraph::broken() const {
  return guarded(impl_->root.string(), [&]() -> Result<std::vector<ResolvedLink>> {
    std::vector<ResolvedLink> out;
    for (ResolvedLink& r : impl_->resolve_all()) {
      if (r.status == ResolvedLink::Status::kBroken ||
          r.status == ResolvedLink::Status::kBrokenAnchor ||
          r.status == ResolvedLink::Status::kAmbiguous) {
        out.push_back(std::move(r));
      }
    }
    return out;
  });
}

Result<std::vector<std::string>> LinkGraph::orphans() const {
  return guarded(impl_->root.string(), [&]() -> Result<std::vector<std::string>> {
    std::set<std::string> linked;
    for (const ResolvedLink& r : impl_->resolve_all()) {
      const bool reaches = r.status == ResolvedLink::Status::kResolved ||
                           r.status == ResolvedLink::Status::kBrokenAnchor;
      if (reaches && r.target != r.source) linked.insert(r.target);
    }
    std::vector<std::string> out;
    for (const std::string& path : impl_->all_paths()) {
      if (linked.count(path) == 0) out.push_back(path);
    }
    return out;
  });
}

namespace {

bool reaches_note(const ResolvedLink& r) {
  return (r.status == ResolvedLink::Status::kResolved ||
          r.status == ResolvedLink::Status::kBrokenAnchor) &&
         r.target != r.source;
}

bool latin_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Byte offsets in `line` (normalised) where the normalised `name` stands as
// a mention: anywhere for CJK, as whole words otherwise.
bool mentions_name(const std::string& line, const std::string& name) {
  for (std::size_t at = line.find(name); at != std::string::npos;
       at = line.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    const bool starts = at == 0 || !latin_word_char(static_cast<unsigned char>(line[at - 1])) ||
                        !latin_word_char(static_cast<unsigned char>(name[0]));
    const bool ends = end == line.size() ||
                      !latin_word_char(static_cast<unsigned char>(line[end])) ||
                      !latin_word_char(static_cast<unsigned char>(name.back()));
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> LinkGraph::edges() const {
  return guarded(impl_->root.string(),
                 [&]() -> Result<std::vector<std::pair<std::string, std::string>>> {
    const std::vector<std::string> paths = impl_->all_paths();
    const std::set<std::string> notes(paths.begin(), paths.end());
    std::set<std::pair<std::string, std::string>> edges;
    for (const ResolvedLink& r : impl_->resolve_all()) {
      if (reaches_note(r) && notes.count(r.target) != 0) edges.emplace(r.source, r.target);
    }
    return std::vector<std::pair<std::string, std::string>>(edges.begin(), edges.end());
  });
}

Result<std::vector<ResolvedLink>> LinkGraph::mentions(const std::string& path) const {
  return guarded(path, [&]() -> Result<std::vector<ResolvedLink>> {
    const Xapian::Database& db = impl_->db;
    IndexCatalog catalog(db, impl_->root);
    const std::optional<Note> target = catalog.record(path);
    if (!target) return Status::not_found(path, "no such note in the index");
    // Its file name (as Obsidian does), title and aliases, each searched as
    // a phrase.
    std::vector<std::string> names{fs::path(path).stem().string(), target->title};
    Xapian::Document doc = db.get_document(*db.postlist_begin(note_id_term(path)));
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string term = *t;
      if (term.rfind(prefix::kNameAlias, 0) == 0) names.push_back(term.substr(4));
    }
    std::vector<Xapian::Query> phrases;
    std::vector<std::string> keys;
    for (const std::string& name : names) {
      const std::string key = normalize(name);
      if (key.size() < 2 || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      Result<ParsedQuery> parsed = parse_query("\"" + name + "\"", db);
      if (!parsed) continue;
      phrases.push_back(parsed->query);
      keys.push_back(key);
    }
    std::set<std::string> linking;
    if (auto back = backlinks_in(db, impl_->root, path)) {
      for (const ResolvedLink& r : *back) linking.insert(r.source);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, phrases.begin(), phrases.end()));
    const Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
    std::vector<ResolvedLink> out;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      const std::string source = catalog.path_of(*it);
      if (source == path || linking.count(source) != 0) continue;
      const std::optional<Note> note = catalog.record(source);
      if (!note) continue;
      for (const Block& block : note->blocks) {
        if (block.kind == Block::Kind::kCode) continue;
        std::size_t pos = 0;
        for (int line = block.first_line; pos <= block.text.size(); ++line) {
          std::size_t end = block.text.find('\n', pos);
          if (end == std::string::npos) end = block.text.size();
          const std::string text = block.text.substr(pos, end - pos);
          const std::string folded = normalize(text);
          for (std::size_t k = 0; k < keys.size(); ++k) {
            if (!mentions_name(folded, keys[k])) continue;
            ResolvedLink r;
            r.source = source;
            r.target = path;
            r.status = ResolvedLink::Status::kResolved;
            r.link.text = names[k];
            r.link.line = line;
            r.context = text;
            out.push_back(std::move(r));
            break;
          }
          pos = end + 1;
        }
      }
    }
    std::sort(out.begin(), out.end(), by_source_and_line);
    return out;
  });
}

Result<std::vector<std::string>> LinkGraph::related(const std::string& path,
                                                    std::size_t limit) const {
  return guarded(path, [&]() -> Result<std::vector<std::string>> {
    const Xapian::Database& db = impl_->db;
    const std::string id = note_id_term(path);
    if (db.postlist_begin(id) == db.postlist_end(id)) {
      return Status::not_found(path, "no such note in the index");
    }
    const Xapian::docid self = *db.postlist_begin(id);
    IndexCatalog catalog(db, impl_->root);
    std::map<std::string, double> score;
    // Direct neighbours, and notes that share a link target (co-citation).
    Result<std::vector<ResolvedLink>> out = links_in(db, impl_->root, path);
    if (!out) return out.error();
    std::set<std::string> targets;
    for (const ResolvedLink& r : *out) {
      if (reaches_note(r)) targets.insert(r.target);
    }
    for (const std::string& t : targets) {
      score[t] += 2;
      if (auto back = backlinks_in(db, impl_->root, t)) {
        for (const ResolvedLink& r : *back) score[r.source] += 1;
      }
    }
    if (auto back = backlinks_in(db, impl_->root, path)) {
      for (const ResolvedLink& r : *back) score[r.source] += 2;
    }
    // Shared tags, one point each.
    for (auto t = db.termlist_begin(self); t != db.termlist_end(self); ++t) {
      const std::string term = *t;
      if (term.empty() || term[0] != prefix::kTag[0]) continue;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        score[catalog.path_of(*p)] += 1;
      }
    }
    // Relevance feedback: the note's most telling terms, searched.
    Xapian::Enquire enquire(db);
    Xapian::RSet rset;
    rset.add_document(self);
    enquire.set_query(Xapian::Query(id));
    const Xapian::ESet terms = enquire.get_eset(20, rset);
    std::vector<Xapian::Query> expansion;
    for (auto t = terms.begin(); t != terms.end(); ++t) expansion.emplace_back(*t);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end()));
    const Xapian::MSet similar = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + 1));
    for (auto it = similar.begin(); it != similar.end(); ++it) {
      score[catalog.path_of(*it)] += 3.0 * it.get_percent() / 100.0;
    }
    score.erase(path);
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [note, points] : score) ranked.emplace_back(-points, note);
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> result;
    for (const auto& [points, note] : ranked) {
      if (result.size() == limit) break;
      result.push_back(note);
    }
    return result;
  });
}

Result<std::vector<TagCount>> LinkGraph::tags(std::string_view prefix_name) const {
  return guarded(std::string(prefix_name), [&]() -> Result<std::vector<TagCount>> {
    const Xapian::Database& db = impl_->db;
    std::string key = tag_key(prefix_name);
    while (!key.empty() && key.back() == '/') key.pop_back();
    const std::string start = prefix::kTag + key;
    std::vector<TagCount> out;
    for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
      const std::string tag = (*it).substr(std::string(prefix::kTag).size());
      if (!key.empty() && tag != key && tag.rfind(key + "/", 0) != 0) continue;
      std::string name = db.get_metadata(prefix::kTagNameKey + tag);
      out.push_back(TagCount{name.empty() ? tag : name, it.get_termfreq()});
    }
    return out;
  });
}

}  // namespace kb
