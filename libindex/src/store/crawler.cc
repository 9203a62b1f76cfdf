#include "kb/crawler.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <system_error>
#include <utility>

namespace kb {
namespace fs = std::filesystem;

namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// True when `inner` (canonical) is `outer` (canonical) or below it.
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto mismatch = std::mismatch(outer.begin(), outer.end(), inner.begin(),
                                inner.end());
  return mismatch.first == outer.end();
}

struct Walk {
  fs::path root;            // canonical
  std::vector<NoteFile>& notes;
  std::vector<Diagnostic>& problems;
  std::set<std::pair<dev_t, ino_t>> visited_dirs;

  std::string relative(const fs::path& p) const {
    return p.lexically_relative(root).generic_string();
  }

  void problem(const fs::path& p, const std::string& message) {
    problems.push_back(Diagnostic{relative(p), 0, message});
  }

  // `dir` is the path as reached from the root (it may run through links).
  void visit_dir(const fs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
      problem(dir, std::string("cannot read folder: ") + std::strerror(errno));
      return;
    }
    if (!visited_dirs.insert({st.st_dev, st.st_ino}).second) return;

    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      problem(dir, "cannot read folder: " + ec.message());
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        problem(dir, "cannot list folder: " + ec.message());
        break;
      }
      entries.push_back(*it);
    }
    for (const auto& entry : entries) visit_entry(entry);
  }

  void visit_entry(const fs::directory_entry& entry) {
    const fs::path& p = entry.path();
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.') return;

    std::error_code ec;
    if (entry.is_symlink(ec)) {
      fs::path target = fs::canonical(p, ec);
      if (ec) {
        problem(p, "broken symbolic link, skipped");
        return;
      }
      if (!is_within(target, root)) {
        problem(p, "symbolic link leads outside the knowledge base, skipped");
        return;
      }
    }
    fs::file_status status = entry.status(ec);
    if (ec) {
      problem(p, "cannot stat: " + ec.message());
      return;
    }
    if (fs::is_directory(status)) {
      visit_dir(p);
    } else if (fs::is_regular_file(status) && is_note_file_name(name)) {
      struct stat st {};
      if (::stat(p.c_str(), &st) != 0) {
        problem(p, std::string("cannot stat: ") + std::strerror(errno));
        return;
      }
      NoteFile file;
      file.path = relative(p);
      file.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) *
                          1'000'000'000 +
                      st.st_mtim.tv_nsec;
      file.size = static_cast<std::uint64_t>(st.st_size);
      notes.push_back(std::move(file));
    }
  }
};

}  // namespace

bool is_note_file_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  const std::string lower = lower_ascii(name);
  return ends_with(lower, ".md") || ends_with(lower, ".markdown");
}

Result<std::vector<NoteFile>> crawl(const fs::path& root,
                                    std::vector<Diagnostic>& problems) {
  std::error_code ec;
  fs::file_status status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    return Status::not_found(root.string(), "no such folder");
  }
  if (!fs::is_directory(status)) {
    return Status::invalid_argument(root.string(), "not a folder");
  }
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return Status::io_error(root.string(), ec.message());

  std::vector<NoteFile> notes;
  Walk walk{canonical_root, notes, problems, {}};
  walk.visit_dir(canonical_root);
  std::sort(notes.begin(), notes.end(),
            [](const NoteFile& a, const NoteFile& b) { return a.path < b.path; });
  return notes;
}

}  // namespace kb
