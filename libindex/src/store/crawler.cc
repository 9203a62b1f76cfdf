#include "kb/crawler.h"

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "base/root_paths.h"
#include "store/ignore_rules.h"

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
  CrawlResult& found;
  std::vector<Diagnostic>& problems;
  IgnoreRules& ignore;
  std::set<std::pair<std::uint64_t, std::uint64_t>> visited_folders;

  void problem(const std::string& path, const std::string& message) {
    problems.push_back(Diagnostic{path, 0, message});
  }

  void unreadable(const std::string& path, const std::string& message) {
    problem(path, message);
    found.unreadable.push_back(path);
  }

  // `folder` is a real path relative to the root: no links in it, so the
  // operating system follows none when it lists it.
  void visit_folder(const std::string& folder, const Env::FileInfo& info) {
    if (!visited_folders.insert({info.device, info.inode}).second) return;
    Result<std::vector<Env::FolderEntry>> entries = env.list_folder_entries(root / folder);
    if (!entries) {
      unreadable(folder, "cannot read folder: " + entries.error().message());
      return;
    }
    found.folders.push_back(folder);
    std::sort(entries->begin(), entries->end(),
              [](const Env::FolderEntry& a, const Env::FolderEntry& b) { return a.name < b.name; });
    std::vector<std::string> names;
    names.reserve(entries->size());
    for (const Env::FolderEntry& entry : *entries) names.push_back(entry.name);
    ignore.enter_folder(folder, names);
    note_marker(folder, *entries);
    for (Env::FolderEntry& entry : *entries) {
      if (entry.name.empty() || entry.name[0] == '.') continue;
      visit_entry(folder.empty() ? entry.name : folder + "/" + entry.name, std::move(entry.info));
    }
  }

  // Records the dialect `entries` of `folder` mark, if any: the marker
  // files are looked for among the names already listed, so it costs no
  // call to the Env.
  void note_marker(const std::string& folder, const std::vector<Env::FolderEntry>& entries) {
    bool site = false;
    for (const Env::FolderEntry& entry : entries) {
      if (!entry.info) continue;
      const Env::FileType type = entry.info->type;
      if (entry.name == ".obsidian" && type == Env::FileType::kFolder) {
        found.markers.push_back(DialectMarker{folder, LinkDialect::kObsidian});
        return;
      }
      if ((entry.name == "_config.yml" || entry.name == "index.html") &&
          type == Env::FileType::kRegular) {
        site = true;
      }
    }
    if (site) found.markers.push_back(DialectMarker{folder, LinkDialect::kSite});
  }

  // `info` is what lstat(2) told of the entry at `path`.
  void visit_entry(const std::string& path, Result<Env::FileInfo> info) {
    if (!info) {
      unreadable(path, "cannot stat: " + info.error().message());
      return;
    }
    std::string real = path;
    if (info->type == Env::FileType::kSymlink) {
      RealPath followed = follow_inside_root(env, root, path);
      switch (followed.outcome) {
        case RealPath::Outcome::kInside:
          info = followed.info;
          real = std::move(followed.path);
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
          unreadable(path, "cannot stat: " + followed.error.message());
          return;
      }
      // A link to a hidden file or folder stands for it: skipped too.
      if (hidden(real)) return;
    }
    if (info->type == Env::FileType::kFolder) {
      if (!ignore.ignored(real, /*is_folder=*/true)) visit_folder(real, *info);
    } else if (info->type == Env::FileType::kRegular &&
               is_note_file_name(real.substr(real.rfind('/') + 1)) &&
               !ignore.ignored(real, /*is_folder=*/false)) {
      found.notes.push_back(NoteFile{real, info->mtime_ns, info->size});
    }
  }

  // True when a part of the root-relative `path` starts with '.'.
  static bool hidden(const std::string& path) {
    for (std::size_t start = 0; start <= path.size();) {
      std::size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      if (end > start && path[start] == '.') return true;
      start = end + 1;
    }
    return false;
  }
};

}  // namespace

const char* name_of(LinkDialect dialect) {
  switch (dialect) {
    case LinkDialect::kAuto: return "auto";
    case LinkDialect::kStrict: return "strict";
    case LinkDialect::kObsidian: return "obsidian";
    case LinkDialect::kSite: return "site";
  }
  return "strict";
}

const std::vector<std::string>& default_excludes() {
  static const std::vector<std::string> kDefaults = {"node_modules/", "_site/", "public/"};
  return kDefaults;
}

bool is_note_file_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  const std::string lower = lower_ascii(name);
  return ends_with(lower, ".md") || ends_with(lower, ".markdown");
}

Result<CrawlResult> crawl(const fs::path& root, std::vector<Diagnostic>& problems,
                          const Env& env, const CrawlOptions& options) {
  const fs::path real_root = canonical_root(root);
  Result<Env::FileInfo> info = env.stat_link(real_root);
  if (!info) {
    if (info.error().code() == Code::kNotFound) {
      return Status::not_found(root.string(), "no such folder");
    }
    return Status::io_error(root.string(), info.error().message());
  }
  if (info->type != Env::FileType::kFolder) {
    return Status::invalid_argument(root.string(), "not a folder");
  }
  IgnoreRules ignore = IgnoreRules::load(real_root, env, options.exclude, problems);
  CrawlResult found;
  Walk walk{env, real_root, found, problems, ignore, {}};
  walk.visit_folder("", *info);
  // A note reached by its own path and through a link to it is one note.
  std::sort(found.notes.begin(), found.notes.end(),
            [](const NoteFile& a, const NoteFile& b) { return a.path < b.path; });
  found.notes.erase(std::unique(found.notes.begin(), found.notes.end(),
                                [](const NoteFile& a, const NoteFile& b) {
                                  return a.path == b.path;
                                }),
                    found.notes.end());
  std::sort(found.markers.begin(), found.markers.end(),
            [](const DialectMarker& a, const DialectMarker& b) { return a.folder < b.folder; });
  return found;
}

}  // namespace kb
