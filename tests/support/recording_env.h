// RecordingEnv: an Env that passes every call on to another and keeps the
// root-relative path of each, for a test that shows what a crawl or an
// update looked at, and what it left alone.
#ifndef KB_TESTS_RECORDING_ENV_H_
#define KB_TESTS_RECORDING_ENV_H_

#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "kb/env.h"

namespace kbtest {

class RecordingEnv final : public kb::Env {
 public:
  // Calls `files`, whose paths are below `root` (canonical), which both
  // must outlive this Env.
  RecordingEnv(const kb::Env& files, const std::filesystem::path& root)
      : files_(files), root_(root) {}

  // The paths stat'ed, listed, read or followed since the last clear():
  // relative to the root, "" for the root itself.
  std::set<std::string> stated() const { return copy(stated_); }
  std::set<std::string> listed() const { return copy(listed_); }
  std::set<std::string> read() const { return copy(read_); }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    stated_.clear();
    listed_.clear();
    read_.clear();
  }

  kb::Result<FileInfo> stat_link(const std::filesystem::path& path) const override {
    keep(stated_, path);
    return files_.stat_link(path);
  }
  kb::Result<std::vector<std::string>> list_folder(
      const std::filesystem::path& path) const override {
    keep(listed_, path);
    return files_.list_folder(path);
  }
  kb::Result<std::string> read_link(const std::filesystem::path& path) const override {
    keep(stated_, path);
    return files_.read_link(path);
  }
  kb::Result<std::string> read_file(const std::filesystem::path& path) const override {
    keep(read_, path);
    return files_.read_file(path);
  }

 private:
  void keep(std::set<std::string>& paths, const std::filesystem::path& path) const {
    const std::string rel = path.lexically_relative(root_).generic_string();
    std::lock_guard<std::mutex> lock(mutex_);
    paths.insert(rel == "." ? "" : rel);
  }

  std::set<std::string> copy(const std::set<std::string>& paths) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return paths;
  }

  const kb::Env& files_;
  std::filesystem::path root_;
  mutable std::mutex mutex_;
  mutable std::set<std::string> stated_;
  mutable std::set<std::string> listed_;
  mutable std::set<std::string> read_;
};

}  // namespace kbtest

#endif  // KB_TESTS_RECORDING_ENV_H_
