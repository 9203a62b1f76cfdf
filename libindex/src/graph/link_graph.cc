#include "kb/link_graph.h"

#include <map>
#include <optional>
#include <set>

#include "base/root_paths.h"
#include "base/xapian_error.h"
#include "graph/link_report.h"
#include "graph/link_resolver.h"
#include "graph/link_suggestion.h"
#include "graph/mentions.h"
#include "graph/note_graph.h"
#include "graph/note_links.h"
#include "graph/note_names.h"
#include "graph/related.h"
#include "graph/tag_listing.h"
#include "note/links.h"
#include "note/note_html.h"
#include "note/note_reader.h"
#include "store/catalog.h"
#include "store/index_reader.h"
#include "store/index_schema.h"
#include "store/vocabulary.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

// The "did you mean" of each broken link and broken anchor of `links`.
// The note names are read only when a link is broken.
Status add_suggestions(const IndexCatalog& catalog, std::vector<ResolvedLink>& links) {
  std::optional<NoteSuggester> notes;
  for (ResolvedLink& r : links) {
    if (r.status == ResolvedLink::Status::kBroken) {
      if (!notes) notes.emplace(catalog);
      r.suggestion = notes->suggest(r.link.target);
    } else if (r.status == ResolvedLink::Status::kBrokenAnchor) {
      Result<Note> target = catalog.record(r.target);
      if (!target) return target.error();
      r.suggestion = suggest_heading(*target, r.link.anchor);
    }
  }
  return Status();
}

// `links` with each source_title filled, from the summary of each source's
// record (not its blocks); each source is read once.
Result<std::vector<ResolvedLink>> with_source_titles(const IndexCatalog& catalog,
                                                     Result<std::vector<ResolvedLink>> links) {
  if (!links) return links;
  std::map<std::string, std::string> titles;
  for (ResolvedLink& r : *links) {
    auto [title, first] = titles.try_emplace(r.source);
    if (first) {
      Result<Note> source = catalog.record(r.source, RecordParts{false, false});
      if (!source) return source.error();
      title->second = source->title;
    }
    r.source_title = title->second;
  }
  return links;
}

// Where `link` of the note at `source` leads on a page, as `options` writes
// the hrefs.
Result<HtmlTarget> html_target(const IndexCatalog& catalog, const std::string& source,
                               const Link& link, const HtmlOptions& options) {
  Result<ResolvedLink> r = resolve_link(source, link, catalog);
  if (!r) return r.error();
  switch (r->status) {
    case ResolvedLink::Status::kExternal:
      return HtmlTarget{HtmlTarget::Kind::kExternal, link.raw, link.raw};
    case ResolvedLink::Status::kResolved:
    case ResolvedLink::Status::kBrokenAnchor: {
      const bool note = catalog.find(r->target) != 0;
      std::string href = (note ? options.note_href : options.file_href) +
                         percent_encode(r->target, "/");
      std::string title = r->target;
      if (note && r->status == ResolvedLink::Status::kResolved && !link.anchor.empty()) {
        href += "#" + percent_encode(link.anchor, "^");
        title += " > " + link.anchor;
      }
      if (r->status == ResolvedLink::Status::kBrokenAnchor) {
        title += ": no heading " + link.anchor;
      }
      return HtmlTarget{note ? HtmlTarget::Kind::kNote : HtmlTarget::Kind::kFile, href, title};
    }
    case ResolvedLink::Status::kAmbiguous: {
      std::string title = "ambiguous: " + link.raw + " names";
      for (const std::string& c : r->candidates) title += " " + c;
      return HtmlTarget{HtmlTarget::Kind::kBroken, "", title};
    }
    case ResolvedLink::Status::kBroken: break;
  }
  return HtmlTarget{HtmlTarget::Kind::kBroken, "", "broken: " + link.raw};
}

// Markdown of the text of `note` as indexed (its blocks, with markup
// removed), for a note of a remote shard, whose file cannot be read here:
// headings, paragraphs and code, each character that Markdown would read
// as markup escaped.
std::string indexed_markdown(const Note& note) {
  const auto escaped = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      if (std::string_view("\\`*_[]<>#!|~&").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
    return out;
  };
  std::string out;
  for (const Block& block : note.blocks) {
    switch (block.kind) {
      case Block::Kind::kHeading: out += "## " + escaped(block.text); break;
      case Block::Kind::kCode: out += "~~~~~~~~\n" + block.text + "\n~~~~~~~~"; break;
      case Block::Kind::kParagraph:
      case Block::Kind::kHtml: out += escaped(block.text); break;
    }
    out += "\n\n";
  }
  return out;
}

}  // namespace

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

struct LinkGraph::Impl : IndexReader {
  explicit Impl(IndexReader reader) : IndexReader(std::move(reader)) {}

  // Runs `query` on a catalogue made for this one call, converting Xapian's
  // exceptions (with `subject`).
  template <typename Query>
  auto with_catalog(const std::string& subject, Query query) const {
    return guarded(subject, [&] {
      return reading([&] {
        const IndexCatalog catalog(*this);
        return query(catalog);
      });
    });
  }
};

LinkGraph::LinkGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LinkGraph::LinkGraph(LinkGraph&&) noexcept = default;
LinkGraph& LinkGraph::operator=(LinkGraph&&) noexcept = default;
LinkGraph::~LinkGraph() = default;

Result<LinkGraph> LinkGraph::open(const fs::path& root, const Env& env) {
  Result<IndexReader> reader = open_reader(root, env);
  if (!reader) return reader.error();
  return LinkGraph(std::make_unique<Impl>(std::move(*reader)));
}

Result<LinkGraph> LinkGraph::open(const ShardSet& shards, const Env& env) {
  if (shards.shards.size() > 1 && !shards.linked) {
    return Status::invalid_argument(
        "shards", "these knowledge bases do not link to each other, so their links are each "
                  "one's own: name one of them (a group whose knowledge bases link to each "
                  "other says `linked = true`)");
  }
  Result<IndexReader> reader = open_reader(shards, env);
  if (!reader) return reader.error();
  return LinkGraph(std::make_unique<Impl>(std::move(*reader)));
}

std::vector<ShardError> LinkGraph::unavailable_shards() const { return impl_->unavailable(); }

Result<std::vector<std::string>> LinkGraph::find_notes(std::string_view spec) const {
  return impl_->with_catalog(std::string(spec), [&](const IndexCatalog& catalog) {
    return Result<std::vector<std::string>>(kb::find_notes(catalog, spec));
  });
}

Result<std::vector<ResolvedLink>> LinkGraph::backlinks(const std::string& path) const {
  return impl_->with_catalog(path, [&](const IndexCatalog& catalog) {
    return with_source_titles(catalog, kb::backlinks(catalog, path));
  });
}

Result<std::vector<ResolvedLink>> LinkGraph::links(const std::string& path) const {
  return impl_->with_catalog(path, [&](const IndexCatalog& catalog) {
    return outgoing_links(catalog, path);
  });
}

Result<std::vector<ResolvedLink>> LinkGraph::broken() const {
  return impl_->with_catalog(impl_->root.string(), [&](const IndexCatalog& catalog)
                                                       -> Result<std::vector<ResolvedLink>> {
    Result<std::vector<ResolvedLink>> all = all_links(catalog);
    if (!all) return all;
    std::vector<ResolvedLink> out;
    for (ResolvedLink& r : *all) {
      if (r.status == ResolvedLink::Status::kBroken ||
          r.status == ResolvedLink::Status::kBrokenAnchor ||
          r.status == ResolvedLink::Status::kAmbiguous) {
        out.push_back(std::move(r));
      }
    }
    if (Status s = add_suggestions(catalog, out); !s.ok()) return s;
    return out;
  });
}

Result<std::vector<std::string>> LinkGraph::orphans() const {
  return impl_->with_catalog(impl_->root.string(), [&](const IndexCatalog& catalog)
                                                       -> Result<std::vector<std::string>> {
    Result<std::vector<ResolvedLink>> all = all_links(catalog);
    if (!all) return all.error();
    std::set<std::string> linked;
    for (const ResolvedLink& r : *all) {
      if (reaches_note(r)) linked.insert(r.target);
    }
    std::vector<std::string> out;
    for (const std::string& path : catalog.all_paths()) {
      if (linked.count(path) == 0) out.push_back(path);
    }
    return out;
  });
}

Result<std::vector<std::pair<std::string, std::string>>> LinkGraph::edges() const {
  using Edges = std::vector<std::pair<std::string, std::string>>;
  return impl_->with_catalog(impl_->root.string(),
                             [&](const IndexCatalog& catalog) -> Result<Edges> {
    Result<std::vector<ResolvedLink>> all = all_links(catalog);
    if (!all) return all.error();
    EdgeSet edges;
    add_note_edges(catalog, *all, edges);
    return Edges(edges.begin(), edges.end());
  });
}

Result<NoteGraph> LinkGraph::neighbourhood(const std::string& path, int depth,
                                           const GraphFilter& filter) const {
  return impl_->with_catalog(path, [&](const IndexCatalog& catalog) {
    return note_neighbourhood(catalog, path, depth, filter);
  });
}

Result<NoteGraph> LinkGraph::whole_graph(const GraphFilter& filter) const {
  return impl_->with_catalog(impl_->root.string(), [&](const IndexCatalog& catalog) {
    return whole_note_graph(catalog, filter);
  });
}

Result<std::vector<ResolvedLink>> LinkGraph::mentions(const std::string& path) const {
  return impl_->with_catalog(path, [&](const IndexCatalog& catalog) {
    return with_source_titles(catalog, kb::mentions(catalog, path));
  });
}

Result<std::vector<RelatedNote>> LinkGraph::related(const std::string& path,
                                                    std::size_t limit) const {
  return impl_->with_catalog(path, [&](const IndexCatalog& catalog) {
    return related_notes(catalog, path, limit);
  });
}

Result<std::vector<TagCount>> LinkGraph::tags(std::string_view prefix_name) const {
  return guarded(std::string(prefix_name), [&]() -> Result<std::vector<TagCount>> {
    return impl_->reading([&] { return list_tags(*impl_, prefix_name); });
  });
}

Result<std::string> LinkGraph::note_html(const std::string& path,
                                         const HtmlOptions& options) const {
  return impl_->with_catalog(path, [&](const IndexCatalog& catalog) -> Result<std::string> {
    Result<Note> record = catalog.record(path);
    if (!record) return record.error();
    const fs::path& root = impl_->root_of(catalog.find(path));
    // A remote shard's files are not here: its note is shown as indexed.
    Result<std::string> bytes = root.empty() ? Result<std::string>(indexed_markdown(*record))
                                             : read_note_bytes_below(root, path, *impl_->env);
    if (!bytes) return bytes.error();
    // The first error a link's resolution meets (a record that cannot be
    // read) is the answer: the HTML would show it as a wrong link.
    Status failed;
    const std::string html = kb::note_html(
        *bytes, IndexVocabulary(impl_->db, path), record->headings, [&](const Link& link) {
          Result<HtmlTarget> target = html_target(catalog, path, link, options);
          if (!target) {
            if (failed.ok()) failed = target.error();
            return HtmlTarget{};
          }
          return *std::move(target);
        });
    if (!failed.ok()) return failed;
    return html;
  });
}

Result<std::string> LinkGraph::read_file(const std::string& path, std::size_t max_bytes) const {
  for (std::size_t begin = 0; begin <= path.size();) {
    const std::size_t end = std::min(path.find('/', begin), path.size());
    if (end == begin || path[begin] == '.') {
      return Status::invalid_argument(path, "not a file a note can show");
    }
    begin = end + 1;
  }
  // The first local shard that has it (linked shards are one tree).
  Result<RealPath> real = Status::not_found(path, "no such file");
  fs::path root;
  for (const OpenShard& open : impl_->shards) {
    if (open.shard.remote()) continue;
    root = open.shard.root;
    real = file_inside_root(*impl_->env, root, path);
    if (real || real.error().code() != Code::kNotFound) break;
  }
  if (!real) return real.error();
  // The path as followed has no link left in it: its info is the file's.
  if (real->info.type != Env::FileType::kRegular) {
    return Status::invalid_argument(path, "not a regular file");
  }
  if (real->info.size > max_bytes) {
    return Status::io_error(path, "larger than " + std::to_string(max_bytes) + " bytes");
  }
  Result<std::string> bytes = impl_->env->read_file(root / real->path);
  if (!bytes) return Status::io_error(path, bytes.error().message());
  return bytes;
}

}  // namespace kb
