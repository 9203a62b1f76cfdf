#include "kb/crawler.h"

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "base/root_paths.h"
#include "store/crawl_scope.h"
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
      if (followed.outcome == RealPath::Outcome::kMissing) {
        problem(path, "broken symbolic link, skipped");
        return;
      }
      if (!inside(path, followed)) return;
      info = followed.info;
      real = std::move(followed.path);
      // A link to a hidden file or folder stands for it: skipped too.
      if (hidden(real)) return;
    }
    if (left_out(real, *info) == nullptr) take(real, *info);
  }

  // Crawls the entry `entry` of CrawlOptions::scope (normalized_scope()),
  // the whole knowledge base for "", as a walk that reached it would, and
  // says why it does not when it does not.
  void visit_scope_entry(const std::string& entry) {
    // Whatever the entry is now, what was indexed under it is looked at:
    // a note gone, ignored or turned into a link elsewhere is dropped.
    found.covered.push_back(entry);
    // Never listed by the walk of its folder, so not even followed.
    if (hidden(entry)) {
      problem(entry, "hidden: not indexed");
      return;
    }
    RealPath followed = follow_inside_root(env, root, entry);
    // Spelled through a link, the entry stands for the path it leads to.
    if (!followed.path.empty()) found.covered.push_back(followed.path);
    if (followed.outcome == RealPath::Outcome::kMissing) return;
    if (!inside(entry, followed)) return;
    if (hidden(followed.path)) {
      problem(entry, "a symbolic link to a hidden file or folder: not indexed");
      return;
    }
    if (const char* why = left_out(followed.path, followed.info)) {
      problem(entry, why);
      return;
    }
    take(followed.path, followed.info);
  }

  // True when `followed`, where the link at `path` leads, is inside the
  // root; else reports why not (a missing target is the caller's to judge).
  bool inside(const std::string& path, const RealPath& followed) {
    switch (followed.outcome) {
      case RealPath::Outcome::kInside: return true;
      case RealPath::Outcome::kMissing: return false;
      case RealPath::Outcome::kOutside:
        problem(path, "symbolic link leads outside the knowledge base, skipped");
        return false;
      case RealPath::Outcome::kLoop: problem(path, "symbolic link loop, skipped"); return false;
      case RealPath::Outcome::kError:
        unreadable(path, "cannot stat: " + followed.error.message());
        return false;
    }
    return false;
  }

  // Why the folder or file at `real` (no links in it), which `info`
  // describes, is neither walked nor listed as a note; nullptr when it is.
  const char* left_out(const std::string& real, const Env::FileInfo& info) {
    switch (info.type) {
      case Env::FileType::kFolder:
        return ignore.ignored(real, /*is_folder=*/true) ? "ignored: not indexed" : nullptr;
      case Env::FileType::kRegular:
        if (!is_note_file_name(real.substr(real.rfind('/') + 1))) {
          return "not a note (*.md or *.markdown): not indexed";
        }
        return ignore.ignored(real, /*is_folder=*/false) ? "ignored: not indexed" : nullptr;
      case Env::FileType::kSymlink:
      case Env::FileType::kOther: break;
    }
    return "not a note (*.md or *.markdown): not indexed";
  }

  // Walks the folder or lists the note at `real`, which left_out() keeps.
  void take(const std::string& real, const Env::FileInfo& info) {
    if (info.type == Env::FileType::kFolder) {
      visit_folder(real, info);
    } else {
      found.notes.push_back(NoteFile{real, info.mtime_ns, info.size});
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
  Result<std::vector<std::string>> scope = normalized_scope(options.scope);
  if (!scope) return scope.error();
  IgnoreRules ignore = IgnoreRules::load(real_root, env, options.exclude, problems);
  CrawlResult found;
  Walk walk{env, real_root, found, problems, ignore, {}};
  for (const std::string& entry : *scope) walk.visit_scope_entry(entry);
  // A note reached by its own path and through a link to it is one note.
  std::sort(found.notes.begin(), found.notes.end(),
            [](const NoteFile& a, const NoteFile& b) { return a.path < b.path; });
  found.notes.erase(std::unique(found.notes.begin(), found.notes.end(),
                                [](const NoteFile& a, const NoteFile& b) {
                                  return a.path == b.path;
                                }),
                    found.notes.end());
  // Two entries may lead to one path through links.
  std::sort(found.covered.begin(), found.covered.end());
  found.covered.erase(std::unique(found.covered.begin(), found.covered.end()), found.covered.end());
  std::sort(found.markers.begin(), found.markers.end(),
            [](const DialectMarker& a, const DialectMarker& b) { return a.folder < b.folder; });
  return found;
}

}  // namespace kb
