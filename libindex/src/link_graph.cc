#include "kb/link_graph.h"

#include "link_graph_internal.h"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "document_builder.h"
#include "kb/index.h"
#include "link_keys.h"
#include "link_resolver.h"
#include "note_record.h"
#include "tags.h"
#include "term_prefixes.h"
#include "xapian_error.h"

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

// The catalogue over the index, with per-call caches: a whole-knowledge-
// base report looks the same names up many times.
class IndexCatalog : public NoteCatalog {
 public:
  IndexCatalog(const Xapian::Database& db, const fs::path& root) : db_(db), root_(root) {}

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
    // resolve_relative() never leaves the root, so nothing outside it is
    // stat'ed.
    struct stat st {};
    return ::stat((root_ / path).c_str(), &st) == 0 && S_ISREG(st.st_mode);
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
  std::sort(found.begin(), found.end(), by_source_and_line);
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
  const fs::path db_dir = index_dir(root) / "xapian";
  std::error_code ec;
  if (!fs::is_directory(db_dir, ec)) {
    return Status::not_found(root.string(), "no index here; run `kbsearch index` first");
  }
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  return guarded(db_dir.string(), [&]() -> Result<LinkGraph> {
    impl->db = Xapian::Database(db_dir.string());
    if (impl->db.get_metadata(schema::kKey) != schema::kVersion) {
      return Status::version_mismatch(
          root.string(), "the index was built by another version of kbsearch; run "
                         "`kbsearch index` to rebuild it");
    }
    return LinkGraph(std::move(impl));
  });
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
