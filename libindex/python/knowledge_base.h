// KnowledgeBase: one knowledge base as the Python module's KB object sees it,
// in plain C++ (no Python type), so that it runs without the GIL.
//
// It holds a Searcher and a LinkGraph for reading; the Index (and with it
// the writer's lock) is open only while a build or refresh() runs, so that
// the kbsearch command can refresh the same knowledge base in between.
//
// Thread safety: every call takes the object's mutex, so one KnowledgeBase
// may be shared by threads; their calls run one at a time. Separate objects
// run in parallel.
#ifndef KB_PYTHON_KNOWLEDGE_BASE_H_
#define KB_PYTHON_KNOWLEDGE_BASE_H_

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/kb.h"

namespace kbpy {

struct OpenOptions {
  // Build the index when the knowledge base has none; else kNotFound.
  bool create = true;
  // Bring an existing index in line with the files when opening.
  bool refresh = true;
  // Delete the index and build it anew (IndexOptions::rebuild).
  bool rebuild = false;
  // More patterns to leave out, gitignore syntax (IndexOptions::exclude).
  std::vector<std::string> exclude;
  // Overrides `[links] dialect` of `.kbsearch.toml` when set.
  std::optional<kb::LinkDialect> link_dialect;
  // How long a build or refresh waits for another writer (IndexOptions::lock_wait).
  std::chrono::milliseconds lock_wait{0};
};

// What a build or refresh did, with the problems it found in input files.
struct RefreshReport {
  kb::IndexReport counts;
  kb::IndexStart start = kb::IndexStart::kIncremental;
  std::vector<kb::Diagnostic> problems;
};

class KnowledgeBase {
 public:
  // Opens the knowledge base at `root`: builds its index when it has none
  // (options.create), else refreshes it (options.refresh), then opens it
  // for reading. Errors as kb::Index::open(), update() and
  // kb::Searcher::open(); kNotFound when there is no index and
  // !options.create. `report` gets what a build or refresh did, and stays
  // empty when opening did neither.
  static kb::Result<std::unique_ptr<KnowledgeBase>> open(const std::filesystem::path& root,
                                                         OpenOptions options,
                                                         std::optional<RefreshReport>& report);

  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  const std::filesystem::path& root() const { return root_; }

  // Index::update(), then the readers move to the new commit.
  kb::Result<RefreshReport> refresh();
  // Drops the readers; every later call returns kInvalidArgument.
  void close();
  bool closed() const;

  kb::Result<kb::SearchResults> search(std::string_view query, const kb::SearchOptions& options);
  kb::Result<kb::SearchResults> search(const kb::Query& query, const kb::SearchOptions& options);
  kb::Result<kb::Note> note(const std::string& path);
  kb::Result<std::vector<std::string>> find_notes(std::string_view spec);
  kb::Result<std::vector<kb::ResolvedLink>> backlinks(const std::string& path);
  kb::Result<std::vector<kb::ResolvedLink>> links(const std::string& path);
  kb::Result<std::vector<kb::ResolvedLink>> broken();
  kb::Result<std::vector<std::string>> orphans();
  kb::Result<std::vector<kb::ResolvedLink>> mentions(const std::string& path);
  kb::Result<std::vector<kb::RelatedNote>> related(const std::string& path, std::size_t limit);
  kb::Result<std::vector<kb::TagCount>> tags(std::string_view prefix);

 private:
  KnowledgeBase(std::filesystem::path root, OpenOptions options);
  // Runs Index::update() with the options; the caller holds mutex_.
  kb::Result<RefreshReport> update(bool rebuild) const;
  // (Re)opens searcher_ and graph_ at the latest commit; the caller holds mutex_.
  kb::Status open_readers();
  // Runs `query` on the open LinkGraph, or Searcher, under the mutex.
  template <typename Query>
  auto on_graph(Query&& query) -> decltype(query(std::declval<const kb::LinkGraph&>()));
  template <typename Query>
  auto on_searcher(Query&& query) -> decltype(query(std::declval<const kb::Searcher&>()));

  std::filesystem::path root_;
  OpenOptions options_;
  mutable std::mutex mutex_;
  std::optional<kb::Searcher> searcher_;
  std::optional<kb::LinkGraph> graph_;
};

}  // namespace kbpy

#endif  // KB_PYTHON_KNOWLEDGE_BASE_H_
