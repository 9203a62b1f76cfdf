// IndexedFixture: an indexed copy of a folder of fixtures/, the one helper
// every integration test uses. The notes are held in memory (MemEnv), so a
// test may change them freely; the index is on disk in a temporary folder.
#ifndef KB_TESTS_INDEXED_FIXTURE_H_
#define KB_TESTS_INDEXED_FIXTURE_H_

#include <filesystem>
#include <stdexcept>
#include <string>

#include "kb/index.h"
#include "kb/link_graph.h"
#include "kb/searcher.h"
#include "mem_env.h"
#include "test_util.h"

namespace kbtest {

class IndexedFixture {
 public:
  // Loads fixtures/`name` and indexes it. Throws std::runtime_error when
  // that fails, which fails the test that asked for it.
  explicit IndexedFixture(const std::string& name = "kb") : files_(tmp_.path()) {
    files_.load(std::filesystem::path(KB_FIXTURES_DIR) / name);
    update();
  }

  // The knowledge-base root: a real folder, holding only the index.
  const std::filesystem::path& root() const { return files_.root(); }
  // The notes, to change before the next update().
  MemEnv& files() { return files_; }
  const MemEnv& files() const { return files_; }

  // Indexes what changed since the last update; `options` as given, with
  // this fixture's files. Throws on an error of the whole update.
  kb::IndexReport update(kb::IndexOptions options = fast_index_options()) {
    options.env = &files_;
    auto index = kb::Index::open(root(), std::move(options));
    if (!index) throw std::runtime_error(index.error().to_string());
    auto report = index->update();
    if (!report) throw std::runtime_error(report.error().to_string());
    return *report;
  }

  // A Searcher and a LinkGraph on the index as now committed.
  kb::Searcher searcher() const { return opened(kb::Searcher::open(root(), files_)); }
  kb::LinkGraph graph() const { return opened(kb::LinkGraph::open(root(), files_)); }

 private:
  template <typename T>
  static T opened(kb::Result<T> result) {
    if (!result) throw std::runtime_error(result.error().to_string());
    return std::move(*result);
  }

  TempDir tmp_;
  MemEnv files_;
};

// Copies fixtures/`name` to the folder `to` on disk (made when missing),
// without any index, for tests of the program itself, which reads the disk.
inline void copy_fixture(const std::string& name, const std::filesystem::path& to) {
  const std::filesystem::path from = std::filesystem::path(KB_FIXTURES_DIR) / name;
  std::filesystem::create_directories(to);
  for (const auto& entry : std::filesystem::directory_iterator(from)) {
    if (entry.path().filename() == ".kbsearch") continue;
    std::filesystem::copy(entry.path(), to / entry.path().filename(),
                          std::filesystem::copy_options::recursive);
  }
}

}  // namespace kbtest

#endif  // KB_TESTS_INDEXED_FIXTURE_H_
