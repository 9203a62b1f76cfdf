#include "store/ignore_rules.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "kb/crawler.h"
#include "store/libgit2_functions.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

std::string git_message(const Libgit2Functions& git) {
  const git_error* error = git.git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

std::string parent_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string joined(const std::string& folder, const std::string& name) {
  return folder.empty() ? name : name.empty() ? folder : folder + "/" + name;
}

// Drops the spaces at the end of `line` that no backslash quotes, as git's
// trim_trailing_spaces() (dir.c) does.
void trim_trailing_spaces(std::string& line) {
  std::size_t last_space = std::string::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ' ') {
      if (last_space == std::string::npos) last_space = i;
      continue;
    }
    if (line[i] == '\\' && ++i == line.size()) return;
    last_space = std::string::npos;
  }
  if (last_space != std::string::npos) line.resize(last_space);
}

// `folder` as a literal in a pattern: its wildcard characters quoted.
std::string quoted(const std::string& folder) {
  std::string out;
  for (char c : folder) {
    if (c == '\\' || c == '*' || c == '?' || c == '[') out += '\\';
    out += c;
  }
  return out;
}

struct ScopedRules {
  std::string text;            // one rule a line, for git_ignore_add_rule
  std::size_t file_rules = 0;  // rules that can match a file, not only a folder
};

// The rules of an ignore file in the folder `scope` of the frame ("" its
// root), each rewritten to match from the frame's root what it matches
// from `scope` in git (gitignore(5), and git's parse_path_pattern()): a
// pattern with a '/' before its end is anchored to `scope`, any other
// matches at any depth below it.
ScopedRules scoped_rules(std::string_view text, const std::string& scope) {
  ScopedRules out;
  const std::string prefix = "/" + (scope.empty() ? "" : quoted(scope) + "/");
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    trim_trailing_spaces(line);
    const bool negative = !line.empty() && line[0] == '!';
    std::string pattern = negative ? line.substr(1) : line;
    const bool folders_only = !pattern.empty() && pattern.back() == '/';
    if (folders_only) pattern.pop_back();
    if (pattern.empty()) continue;
    const bool anchored = pattern.find('/') != std::string::npos;
    if (anchored && pattern[0] == '/') pattern.erase(0, 1);
    out.text += (negative ? "!" : "") + prefix + (anchored ? "" : "**/") + pattern +
                (folders_only ? "/" : "") + "\n";
    if (!folders_only) ++out.file_rules;
  }
  return out;
}

// The content of the regular file `path` on disk; nullopt when there is
// none, `error` set when it cannot be read.
std::optional<std::string> read_disk_file(const fs::path& path, std::string& error) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  if (ec || status.type() == fs::file_type::not_found) return std::nullopt;
  if (status.type() == fs::file_type::symlink) {
    error = "a symbolic link: not followed (git does not either), its rules are not applied";
    return std::nullopt;
  }
  if (status.type() != fs::file_type::regular) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (in.bad() || !in.is_open()) {
    error = "cannot read it: its rules are not applied";
    return std::nullopt;
  }
  return text;
}

}  // namespace

struct IgnoreRules::Impl {
  // What is known of one folder of the knowledge base.
  struct Folder {
    bool ignored = false;        // it or a folder above it is ignored
    bool loaded = false;         // its ignore files were read
    std::size_t file_rules = 0;  // rules that can match a file in it
  };

  fs::path root;
  const Env* env = nullptr;
  std::vector<Diagnostic>* problems = nullptr;
  // libgit2, opened when first needed (store/libgit2_functions.h); null
  // until then, and when it cannot be opened.
  const Libgit2Functions* git = nullptr;
  bool initialised = false;  // git_libgit2_init() succeeded
  // The matcher, made when the first rule besides the defaults comes:
  // starting libgit2 costs more (5 ms, for OpenSSL) than a refresh of a
  // small knowledge base. Until then the defaults, folder names only, are
  // matched by name.
  git_repository* repo = nullptr;
  bool failed = false;  // libgit2 could not start (said once)
  std::string base;  // the root relative to the frame's root; "" when the same
  std::size_t frame_file_rules = 0;  // from above the root and the caller
  // By path relative to the root; references stay valid as it grows.
  std::unordered_map<std::string, Folder> folders;
  std::string last_parent_path;     // of the last path asked about
  const Folder* last_parent = nullptr;

  ~Impl() {
    if (repo != nullptr) git->git_repository_free(repo);
    if (initialised) git->git_libgit2_shutdown();
  }

  void problem(const std::string& path, const std::string& message) {
    problems->push_back(Diagnostic{path, 0, message});
  }

  std::string framed(const std::string& path) const { return joined(base, path); }

  // Adds the rules of `text`, an ignore file in the frame folder `scope`
  // (`source` names it in problems); returns how many can match a file.
  std::size_t add(std::string_view text, const std::string& scope, const std::string& source) {
    if (scope.find_first_of("\n\r") != std::string::npos ||
        text.find('\0') != std::string_view::npos) {
      problem(source, "a line break in its folder's name or a NUL byte in it: its rules are "
                      "not applied");
      return 0;
    }
    const ScopedRules rules = scoped_rules(text, scope);
    if (rules.text.empty() || !started()) return 0;
    if (git->git_ignore_add_rule(repo, rules.text.c_str()) != 0) {
      problem(source, "cannot apply its rules: " + git_message(*git));
      return 0;
    }
    return rules.file_rules;
  }

  std::size_t add_disk_file(const fs::path& path, const std::string& scope) {
    std::string error;
    const std::optional<std::string> text = read_disk_file(path, error);
    if (!error.empty()) problem(path.string(), error);
    return text ? add(*text, scope, path.string()) : 0;
  }

  // Reads the ignore file `name` of the root's `folder`, when there is
  // one (when `names` lists the folder's entries, only if it is in them).
  std::size_t add_folder_file(const std::string& folder, const std::string& name,
                              const std::vector<std::string>* names) {
    if (names != nullptr && std::find(names->begin(), names->end(), name) == names->end()) {
      return 0;
    }
    const std::string path = joined(folder, name);
    Result<Env::FileInfo> info = env->stat_link(root / path);
    if (!info) {
      if (info.error().code() != Code::kNotFound) {
        problem(path, "cannot stat: " + info.error().message() + "; its rules are not applied");
      }
      return 0;
    }
    if (info->type == Env::FileType::kSymlink) {
      problem(path, "a symbolic link: not followed (git does not either), its rules are not "
                    "applied");
      return 0;
    }
    if (info->type != Env::FileType::kRegular) return 0;
    Result<std::string> text = env->read_file(root / path);
    if (!text) {
      problem(path, "cannot read: " + text.error().message() + "; its rules are not applied");
      return 0;
    }
    return add(*text, framed(folder), path);
  }

  // `why`: the Status of a libgit2 that cannot be opened, or libgit2's
  // last error.
  bool cannot_start(const std::string& why) {
    failed = true;
    problem("", "libgit2 cannot start (" + why + "): no rules but the default excludes apply");
    return false;
  }

  bool libgit2_running() {
    if (!initialised && !failed) {
      const Result<Libgit2Functions>& functions = libgit2_functions();
      if (!functions) return cannot_start(functions.error().to_string());
      git = &*functions;
      initialised = git->git_libgit2_init() >= 0;
      if (!initialised) return cannot_start(git_message(*git));
    }
    return initialised;
  }

  // Starts the matcher unless it runs: an in-memory repository with the
  // defaults as its first rules. False when libgit2 cannot start.
  bool started() {
    if (repo != nullptr) return true;
    if (failed || !libgit2_running()) return false;
    git_config* config = nullptr;
    // No configuration: nobody's settings (~/.gitconfig, core.excludesFile)
    // reach the matcher.
    const bool made = git->git_repository_new(&repo) == 0 &&
                      git->git_config_new(&config) == 0 &&
                      git->git_repository_set_config(repo, config) == 0 &&
                      // Lowest precedence: a path no other rule matches is
                      // not ignored, and the matcher looks no further (not at
                      // files of its own, not at the folders above the path,
                      // which the crawler has checked).
                      git->git_ignore_add_rule(repo, "!**\n") == 0;
    git->git_config_free(config);
    if (!made) {
      const std::string why = git_message(*git);
      git->git_repository_free(repo);
      repo = nullptr;
      return cannot_start(why);
    }
    std::string defaults;
    for (const std::string& pattern : default_excludes()) defaults += pattern + "\n";
    add(defaults, base, "the default excludes");
    return true;
  }

  bool matches(const std::string& path, bool is_folder) {
    if (repo == nullptr) {
      const std::string name = path.substr(path.rfind('/') + 1) + "/";
      const std::vector<std::string>& defaults = default_excludes();
      return is_folder && std::find(defaults.begin(), defaults.end(), name) != defaults.end();
    }
    const std::string framed_path = framed(path) + (is_folder ? "/" : "");
    int ignored = 0;
    if (git->git_ignore_path_is_ignored(&ignored, repo, framed_path.c_str()) != 0) {
      problem(path, "cannot match the ignore rules: " + git_message(*git) + "; not ignored");
      return false;
    }
    return ignored == 1;
  }

  // The folder, with whether it is ignored known.
  Folder& checked(const std::string& folder) {
    auto it = folders.find(folder);
    if (it != folders.end()) return it->second;
    const Folder& parent = loaded(parent_of(folder), nullptr);
    Folder state;
    state.ignored = parent.ignored || matches(folder, /*is_folder=*/true);
    return folders.emplace(folder, state).first->second;
  }

  // The folder, with its ignore files read unless it is ignored.
  Folder& loaded(const std::string& folder, const std::vector<std::string>* names) {
    Folder& state = checked(folder);
    if (state.loaded || state.ignored) return state;
    state.loaded = true;
    state.file_rules = folder.empty() ? frame_file_rules : folders.at(parent_of(folder)).file_rules;
    // The same folder's .kbignore after its .gitignore: it decides.
    state.file_rules += add_folder_file(folder, ".gitignore", names);
    state.file_rules += add_folder_file(folder, ".kbignore", names);
    return state;
  }

  bool in_work_tree_maybe() const {
    std::error_code ec;
    for (fs::path folder = root;; folder = folder.parent_path()) {
      if (fs::exists(fs::symlink_status(folder / ".git", ec))) return true;
      if (folder == folder.parent_path()) return false;
    }
  }

  // The folder that holds `path`, loaded. The crawler asks about the
  // entries of one folder after another: the last one is kept at hand.
  const Folder& parent_of_path(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    const std::size_t length = slash == std::string::npos ? 0 : slash;
    if (last_parent == nullptr || length != last_parent_path.size() ||
        path.compare(0, length, last_parent_path) != 0) {
      last_parent_path = path.substr(0, length);
      last_parent = &loaded(last_parent_path, nullptr);
    }
    return *last_parent;
  }

  // Finds the git work tree around the root, if any, and adds the rules
  // from outside the root, lowest precedence first.
  void add_frame_rules(const std::vector<std::string>& exclude) {
    fs::path workdir;
    fs::path common_dir;
    git_repository* work = nullptr;
    // libgit2 is asked (and started) only when a folder at or above the
    // root holds a `.git`, without which it finds no work tree either.
    const int opened = in_work_tree_maybe() && libgit2_running()
                           ? git->git_repository_open_ext(&work, root.c_str(), 0, nullptr)
                           : GIT_ENOTFOUND;
    if (opened == 0 && git->git_repository_workdir(work) != nullptr) {
      workdir = fs::path(git->git_repository_workdir(work)).parent_path();  // drops the final '/'
      common_dir = git->git_repository_commondir(work);
      const fs::path inside = root.lexically_relative(workdir);
      if (inside.empty() || *inside.begin() == "..") {
        workdir.clear();
      } else if (inside != ".") {
        base = inside.generic_string();
      }
    } else if (opened != 0 && opened != GIT_ENOTFOUND) {
      problem("", "cannot open the git repository around the knowledge base (" +
                      git_message(*git) + "): only the ignore files inside it apply");
    }
    if (work != nullptr) git->git_repository_free(work);

    for (const std::string& pattern : exclude) {
      frame_file_rules += add(pattern, base, "--exclude " + pattern);
    }
    if (workdir.empty()) return;
    frame_file_rules += add_disk_file(common_dir / "info" / "exclude", "");
    // The .gitignore files of the folders from the work tree's root down
    // to the knowledge base's parent; the root's own is read through env.
    fs::path folder = workdir;
    std::string scope;
    for (const fs::path& part : fs::path(base)) {
      frame_file_rules += add_disk_file(folder / ".gitignore", scope);
      folder /= part;
      scope = joined(scope, part.string());
    }
  }
};

IgnoreRules::IgnoreRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IgnoreRules::IgnoreRules(IgnoreRules&&) noexcept = default;
IgnoreRules& IgnoreRules::operator=(IgnoreRules&&) noexcept = default;
IgnoreRules::~IgnoreRules() = default;

IgnoreRules IgnoreRules::load(const fs::path& root, const Env& env,
                              const std::vector<std::string>& exclude,
                              std::vector<Diagnostic>& problems) {
  auto impl = std::make_unique<Impl>();
  impl->root = root;
  impl->env = &env;
  impl->problems = &problems;
  impl->folders.emplace("", Impl::Folder{});
  impl->add_frame_rules(exclude);
  return IgnoreRules(std::move(impl));
}

void IgnoreRules::enter_folder(const std::string& folder, const std::vector<std::string>& names) {
  impl_->loaded(folder, &names);
}

bool IgnoreRules::ignored(const std::string& path, bool is_folder) {
  if (path.empty()) return false;
  const Impl::Folder& parent = impl_->parent_of_path(path);
  if (parent.ignored) return true;
  if (is_folder) return impl_->checked(path).ignored;
  return parent.file_rules > 0 && impl_->matches(path, /*is_folder=*/false);
}

}  // namespace kb
