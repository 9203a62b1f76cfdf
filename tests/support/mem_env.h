// MemEnv: a knowledge base's files held in memory, for tests (as LevelDB's
// memenv). Files can be changed without touching the disk, and reads can be
// made to fail, which file permissions cannot do for a test running as root.
// The index still goes to disk, in the real folder `root`.
#ifndef KB_TESTS_MEM_ENV_H_
#define KB_TESTS_MEM_ENV_H_

#include <cstdint>
#include <deque>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kb/env.h"

namespace kbtest {

class MemEnv final : public kb::Env {
 public:
  // Files live below `root`, an existing folder (made canonical here, as
  // the crawler makes its root). Paths outside it do not exist.
  explicit MemEnv(const std::filesystem::path& root)
      : root_(std::filesystem::canonical(root)) {}

  const std::filesystem::path& root() const { return root_; }

  // Copies the folder `from` on disk into memory, skipping `.kbsearch`.
  void load(const std::filesystem::path& from) {
    for (auto it = std::filesystem::recursive_directory_iterator(from);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
      const std::string rel = it->path().lexically_relative(from).generic_string();
      if (it->path().filename() == ".kbsearch") {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory()) {
        make_folders(rel);
      } else if (it->is_regular_file()) {
        std::ifstream in(it->path(), std::ios::binary);
        write(rel, std::string(std::istreambuf_iterator<char>(in), {}));
      }
    }
  }

  // Creates or replaces the file at `path` (relative to the root, folders
  // made as needed); its modification time moves on, as an editor's would.
  void write(const std::string& path, std::string content) {
    std::lock_guard<std::mutex> lock(mutex_);
    make_folders_locked(parent_of(path));
    Node& node = nodes_[path];
    node.info.type = FileType::kRegular;
    node.info.size = content.size();
    node.info.mtime_ns = ++clock_;
    if (node.info.inode == 0) node.info.inode = ++inodes_;
    node.content = std::move(content);
  }

  // A symbolic link at `path` to `target` (stored as written).
  void symlink(const std::string& path, std::string target) {
    std::lock_guard<std::mutex> lock(mutex_);
    make_folders_locked(parent_of(path));
    Node& node = nodes_[path];
    node.info.type = FileType::kSymlink;
    node.info.inode = ++inodes_;
    node.content = std::move(target);
  }

  // Removes the file (or the folder, with all below it) at `path`.
  void remove(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = nodes_.begin(); it != nodes_.end();) {
      const bool below = it->first == path || it->first.rfind(path + "/", 0) == 0;
      it = below ? nodes_.erase(it) : std::next(it);
    }
  }

  // From now on, reading or listing `path` fails with an I/O error of
  // `error_number` (EACCES, EIO, ...); stat still works, as for a file
  // whose permissions forbid reading.
  void fail_reads(const std::string& path, int error_number) {
    std::lock_guard<std::mutex> lock(mutex_);
    failing_[path] = error_number;
  }
  void stop_failing(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    failing_.erase(path);
  }

  kb::Result<FileInfo> stat_link(const std::filesystem::path& path) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::optional<std::string> rel = with_parent_resolved(path);
    if (!rel) return missing(path);
    if (rel->empty()) {
      FileInfo root;
      root.type = FileType::kFolder;
      return root;
    }
    auto it = nodes_.find(*rel);
    if (it == nodes_.end()) return missing(path);
    return it->second.info;
  }

  kb::Result<std::vector<std::string>> list_folder(
      const std::filesystem::path& path) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::optional<std::string> rel = resolved(path);
    if (!rel) return missing(path);
    if (auto error = failure(*rel, path)) return *error;
    if (!rel->empty()) {
      auto it = nodes_.find(*rel);
      if (it == nodes_.end()) return missing(path);
      if (it->second.info.type != FileType::kFolder) return missing(path);  // ENOTDIR
    }
    std::vector<std::string> names;
    const std::string prefix = rel->empty() ? "" : *rel + "/";
    for (const auto& [name, node] : nodes_) {
      if (name.rfind(prefix, 0) == 0 && name.find('/', prefix.size()) == std::string::npos) {
        names.push_back(name.substr(prefix.size()));
      }
    }
    return names;
  }

  kb::Result<std::string> read_link(const std::filesystem::path& path) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::optional<std::string> rel = with_parent_resolved(path);
    auto it = rel ? nodes_.find(*rel) : nodes_.end();
    if (it == nodes_.end()) return missing(path);
    if (it->second.info.type != FileType::kSymlink) {
      return kb::Status::io_error(path.string(), "not a link");
    }
    return it->second.content;
  }

  kb::Result<std::string> read_file(const std::filesystem::path& path) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::optional<std::string> rel = resolved(path);
    auto it = rel ? nodes_.find(*rel) : nodes_.end();
    if (it == nodes_.end()) return missing(path);
    if (auto error = failure(*rel, path)) return *error;
    if (it->second.info.type != FileType::kRegular) {
      return kb::Status::invalid_argument(path.string(), "not a regular file");
    }
    return it->second.content;
  }

 private:
  struct Node {
    FileInfo info;
    std::string content;  // a file's bytes, or a link's target
  };

  static std::string parent_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash);
  }

  static kb::Status missing(const std::filesystem::path& path) {
    return kb::Status::not_found(path.string(), "no such file");
  }

  void make_folders(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    make_folders_locked(path);
  }
  void make_folders_locked(const std::string& path) {
    for (std::size_t end = 0; end != std::string::npos && !path.empty();) {
      end = path.find('/', end + 1);
      Node& node = nodes_[path.substr(0, end)];
      node.info.type = FileType::kFolder;
      if (node.info.inode == 0) node.info.inode = ++inodes_;
    }
  }

  // `path` relative to the root, without following links; std::nullopt
  // when it is outside.
  std::optional<std::string> relative(const std::filesystem::path& path) const {
    const std::filesystem::path rel = path.lexically_normal().lexically_relative(root_);
    if (rel.empty() || *rel.begin() == "..") return std::nullopt;
    return rel == "." ? std::string() : rel.generic_string();
  }

  // Like relative(), following links as the operating system would: part
  // by part, ".." going to the real parent of what was followed.
  std::optional<std::string> resolved(const std::filesystem::path& path) const {
    const std::optional<std::string> rel = relative(path);
    if (!rel) return std::nullopt;
    std::deque<std::string> pending = parts_of(*rel);
    std::vector<std::string> done;
    for (int hops = 0; !pending.empty();) {
      std::string part = std::move(pending.front());
      pending.pop_front();
      if (part == ".") continue;
      if (part == "..") {
        if (done.empty()) return std::nullopt;
        done.pop_back();
        continue;
      }
      done.push_back(std::move(part));
      auto it = nodes_.find(joined(done));
      if (it == nodes_.end() || it->second.info.type != FileType::kSymlink) continue;
      if (++hops > 40) return std::nullopt;  // ELOOP
      done.pop_back();
      const std::filesystem::path target = it->second.content;
      std::deque<std::string> next;
      if (target.is_absolute()) {
        const std::optional<std::string> inside = relative(target);
        if (!inside) return std::nullopt;
        done.clear();
        next = parts_of(*inside);
      } else {
        next = parts_of(target.generic_string());
      }
      pending.insert(pending.begin(), next.begin(), next.end());
    }
    return joined(done);
  }

  static std::deque<std::string> parts_of(const std::string& path) {
    std::deque<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
      std::size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      if (end > start) parts.push_back(path.substr(start, end - start));
      start = end + 1;
    }
    return parts;
  }

  static std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
    return out;
  }

  // `path` relative to the root with the links of its folders followed
  // but not a link at its end, as lstat(2) reads a path.
  std::optional<std::string> with_parent_resolved(const std::filesystem::path& path) const {
    const std::optional<std::string> rel = relative(path);
    if (!rel || rel->empty()) return rel;
    const std::size_t slash = rel->rfind('/');
    if (slash == std::string::npos) return rel;
    const std::optional<std::string> parent = resolved(root_ / rel->substr(0, slash));
    if (!parent) return std::nullopt;
    return (parent->empty() ? "" : *parent + "/") + rel->substr(slash + 1);
  }

  std::optional<kb::Status> failure(const std::string& rel,
                                    const std::filesystem::path& path) const {
    auto it = failing_.find(rel);
    if (it == failing_.end()) return std::nullopt;
    return kb::Status::io_error(path.string(), std::string("cannot read: ") +
                                                   std::strerror(it->second));
  }

  std::filesystem::path root_;
  mutable std::mutex mutex_;
  std::map<std::string, Node> nodes_;  // by path relative to the root
  std::map<std::string, int> failing_;
  std::int64_t clock_ = 1'700'000'000'000'000'000;  // nanoseconds
  std::uint64_t inodes_ = 0;
};

}  // namespace kbtest

#endif  // KB_TESTS_MEM_ENV_H_
