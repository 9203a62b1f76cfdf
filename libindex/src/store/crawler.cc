#include "kb/crawler.h"

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "store/root_paths.h"

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

struct Walk {
  const Env& env;
  fs::path root;  // canonical
  std::vector<NoteFile>& notes;
  std::vector<Diagnostic>& problems;
  std::set<std::pair<std::uint64_t, std::uint64_t>> visited_folders;

  void problem(const std::string& path, const std::string& message) {
    problems.push_back(Diagnostic{path, 0, message});
  }

  // `folder` is relative to the root as reached from it: it may run through
  // symbolic links, which follow_inside_root() has checked stay inside.
  void visit_folder(const std::string& folder, const Env::FileInfo& info) {
    if (!visited_folders.insert({info.device, info.inode}).second) return;
    Result<std::vector<std::string>> names = env.list_folder(root / folder);
    if (!names) {
      problem(folder, "cannot read folder: " + names.error().message());
      return;
    }
    std::sort(names->begin(), names->end());
    for (const std::string& name : *names) {
      if (name.empty() || name[0] == '.') continue;
      visit_entry(folder.empty() ? name : folder + "/" + name);
    }
  }

  void visit_entry(const std::string& path) {
    Result<Env::FileInfo> info = env.stat_link(root / path);
    if (!info) {
      problem(path, "cannot stat: " + info.error().message());
      return;
    }
    if (info->type == Env::FileType::kSymlink) {
      const RealPath real = follow_inside_root(env, root, path);
      switch (real.outcome) {
        case RealPath::Outcome::kInside:
          info = real.info;
          break;
        case RealPath::Outcome::kMissing:
          problem(path, "broken symbolic link, skipped");
          return;
        case RealPath::Outcome::kOutside:
          problem(path, "symbolic link leads outside the knowledge base, skipped");
          return;
        case RealPath::Outcome::kLoop:
          problem(path, "symbolic link loop, skipped");
          return;
        case RealPath::Outcome::kError:
          problem(path, "cannot stat: " + real.error.message());
          return;
      }
    }
    if (info->type == Env::FileType::kFolder) {
      visit_folder(path, *info);
    } else if (info->type == Env::FileType::kRegular &&
               is_note_file_name(path.substr(path.rfind('/') + 1))) {
      notes.push_back(NoteFile{path, info->mtime_ns, info->size});
    }
  }
};

}  // namespace

bool is_note_file_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  const std::string lower = lower_ascii(name);
  return ends_with(lower, ".md") || ends_with(lower, ".markdown");
}

Result<std::vector<NoteFile>> crawl(const fs::path& root, std::vector<Diagnostic>& problems,
                                    const Env& env) {
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  Result<Env::FileInfo> info =
      ec ? Result<Env::FileInfo>(Status::not_found(root.string(), "no such folder"))
         : env.stat_link(canonical_root);
  if (!info) {
    if (info.error().code() == Code::kNotFound) {
      return Status::not_found(root.string(), "no such folder");
    }
    return Status::io_error(root.string(), info.error().message());
  }
  if (info->type != Env::FileType::kFolder) {
    return Status::invalid_argument(root.string(), "not a folder");
  }
  std::vector<NoteFile> notes;
  Walk walk{env, canonical_root, notes, problems, {}};
  walk.visit_folder("", *info);
  std::sort(notes.begin(), notes.end(),
            [](const NoteFile& a, const NoteFile& b) { return a.path < b.path; });
  return notes;
}

}  // namespace kb
