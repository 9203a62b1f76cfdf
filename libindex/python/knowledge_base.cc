#include "knowledge_base.h"

namespace kbpy {
namespace fs = std::filesystem;

namespace {

kb::Status closed_error(const fs::path& root) {
  return kb::Status::invalid_argument(root.string(), "the KB is closed");
}

}  // namespace

KnowledgeBase::KnowledgeBase(fs::path root, OpenOptions options)
    : root_(std::move(root)), options_(std::move(options)) {}

kb::Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::open(const fs::path& root,
                                                               OpenOptions options,
                                                               std::optional<RefreshReport>& report) {
  std::unique_ptr<KnowledgeBase> kb(new KnowledgeBase(root, std::move(options)));
  const OpenOptions& o = kb->options_;
  std::lock_guard lock(kb->mutex_);
  // Searcher::open() tells an index from none without creating one, as
  // Index::open() would.
  const kb::Result<kb::Searcher> probe = kb::Searcher::open(root);
  const bool no_index = !probe && probe.error().code() == kb::Code::kNotFound;
  if (no_index && !o.create) {
    return kb::Status::not_found(root.string(),
                                 "no index here; KB(path, create=True) builds it");
  }
  if (no_index || o.refresh || o.rebuild) {
    auto updated = kb->update(o.rebuild);
    if (!updated) return updated.error();
    report = std::move(*updated);
  }
  if (kb::Status status = kb->open_readers(); !status.ok()) return status;
  return kb;
}

kb::Result<RefreshReport> KnowledgeBase::update(bool rebuild) const {
  RefreshReport report;
  kb::IndexOptions index_options;
  index_options.rebuild = rebuild;
  index_options.exclude = options_.exclude;
  index_options.lock_wait = options_.lock_wait;
  index_options.on_diagnostic = [&report](const kb::Diagnostic& d) { report.problems.push_back(d); };
  if (options_.link_dialect) {
    // The knowledge base's own config, with the dialect laid over it as a
    // flag is; no user config, which is the kbsearch program's.
    kb::Settings settings = kb::read_settings({}, root_, kb::Env::system(), report.problems);
    settings.link_dialect.set(*options_.link_dialect, kb::SettingSource::kFlag, "link_dialect");
    index_options.settings = std::move(settings);
  }
  auto index = kb::Index::open(root_, std::move(index_options));
  if (!index) return index.error();
  report.start = index->start();
  auto counts = index->update();
  if (!counts) return counts.error();
  report.counts = *counts;
  return report;
}

kb::Status KnowledgeBase::open_readers() {
  auto searcher = kb::Searcher::open(root_);
  if (!searcher) return searcher.error();
  auto graph = kb::LinkGraph::open(root_);
  if (!graph) return graph.error();
  searcher_.emplace(std::move(*searcher));
  graph_.emplace(std::move(*graph));
  return kb::Status::ok_status();
}

kb::Result<RefreshReport> KnowledgeBase::refresh() {
  std::lock_guard lock(mutex_);
  if (!searcher_) return closed_error(root_);
  auto report = update(/*rebuild=*/false);
  if (!report) return report.error();
  if (kb::Status status = open_readers(); !status.ok()) return status;
  return report;
}

void KnowledgeBase::close() {
  std::lock_guard lock(mutex_);
  searcher_.reset();
  graph_.reset();
}

bool KnowledgeBase::closed() const {
  std::lock_guard lock(mutex_);
  return !searcher_;
}

template <typename Query>
auto KnowledgeBase::on_graph(Query&& query)
    -> decltype(query(std::declval<const kb::LinkGraph&>())) {
  std::lock_guard lock(mutex_);
  if (!graph_) return closed_error(root_);
  return query(*graph_);
}

template <typename Query>
auto KnowledgeBase::on_searcher(Query&& query)
    -> decltype(query(std::declval<const kb::Searcher&>())) {
  std::lock_guard lock(mutex_);
  if (!searcher_) return closed_error(root_);
  return query(*searcher_);
}

kb::Result<kb::SearchResults> KnowledgeBase::search(std::string_view query,
                                                    const kb::SearchOptions& options) {
  return on_searcher([&](const kb::Searcher& s) { return s.search(query, options); });
}

kb::Result<kb::SearchResults> KnowledgeBase::search(const kb::Query& query,
                                                    const kb::SearchOptions& options) {
  return on_searcher([&](const kb::Searcher& s) { return s.search(query, options); });
}

kb::Result<kb::Note> KnowledgeBase::note(const std::string& path) {
  return on_searcher([&](const kb::Searcher& s) { return s.read_note(path); });
}

kb::Result<std::vector<std::string>> KnowledgeBase::find_notes(std::string_view spec) {
  return on_graph([&](const kb::LinkGraph& g) { return g.find_notes(spec); });
}

kb::Result<std::vector<kb::ResolvedLink>> KnowledgeBase::backlinks(const std::string& path) {
  return on_graph([&](const kb::LinkGraph& g) { return g.backlinks(path); });
}

kb::Result<std::vector<kb::ResolvedLink>> KnowledgeBase::links(const std::string& path) {
  return on_graph([&](const kb::LinkGraph& g) { return g.links(path); });
}

kb::Result<std::vector<kb::ResolvedLink>> KnowledgeBase::broken() {
  return on_graph([](const kb::LinkGraph& g) { return g.broken(); });
}

kb::Result<std::vector<std::string>> KnowledgeBase::orphans() {
  return on_graph([](const kb::LinkGraph& g) { return g.orphans(); });
}

kb::Result<std::vector<kb::ResolvedLink>> KnowledgeBase::mentions(const std::string& path) {
  return on_graph([&](const kb::LinkGraph& g) { return g.mentions(path); });
}

kb::Result<std::vector<kb::RelatedNote>> KnowledgeBase::related(const std::string& path,
                                                                std::size_t limit) {
  return on_graph([&](const kb::LinkGraph& g) { return g.related(path, limit); });
}

kb::Result<std::vector<kb::TagCount>> KnowledgeBase::tags(std::string_view prefix) {
  return on_graph([&](const kb::LinkGraph& g) { return g.tags(prefix); });
}

}  // namespace kbpy
