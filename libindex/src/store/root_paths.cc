#include "store/root_paths.h"

#include <vector>

namespace kb {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxLinks = 40;  // as the kernel's ELOOP limit

std::vector<std::string_view> parts_of(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    if (end > pos) parts.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

std::string joined(const std::vector<std::string_view>& parts, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (!out.empty()) out += '/';
    out += parts[i];
  }
  return out;
}

// The root-relative path a link target names from the folder `folder`
// (root-relative), or std::nullopt when it leaves the root.
std::optional<std::string> link_target_inside(const fs::path& root, const std::string& folder,
                                              const std::string& target) {
  if (target.empty()) return std::nullopt;
  if (target[0] != '/') return resolve_relative(folder.empty() ? "x" : folder + "/x", target);
  const fs::path relative = fs::path(target).lexically_normal().lexically_relative(root);
  if (relative.empty()) return std::nullopt;  // another root, or none
  if (relative == ".") return std::string();
  if (*relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

}  // namespace

std::optional<std::string> resolve_relative(std::string_view source,
                                            std::string_view target) {
  std::vector<std::string> parts;
  if (target.empty() || target[0] != '/') {
    // Start from the source note's folder.
    const std::size_t slash = source.rfind('/');
    if (slash != std::string_view::npos) {
      for (std::string_view part : parts_of(source.substr(0, slash))) parts.emplace_back(part);
    }
  }
  for (std::string_view part : parts_of(target)) {
    if (part == "..") {
      if (parts.empty()) return std::nullopt;  // leaves the root
      parts.pop_back();
    } else if (part != ".") {
      parts.emplace_back(part);
    }
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

RealPath follow_inside_root(const Env& env, const fs::path& root, std::string_view path) {
  RealPath result;
  std::string pending(path);  // what is left to follow, from the root
  int links = 0;
  while (true) {
    const std::vector<std::string_view> parts = parts_of(pending);
    std::string done;  // followed so far: no links in it
    Result<Env::FileInfo> info = env.stat_link(root);
    bool restarted = false;
    for (std::size_t i = 0; i < parts.size() && !restarted; ++i) {
      if (!info) break;
      if (info->type != Env::FileType::kFolder) {
        result.outcome = RealPath::Outcome::kMissing;  // a file is no folder
        return result;
      }
      const std::string current = done.empty() ? std::string(parts[i])
                                               : done + "/" + std::string(parts[i]);
      info = env.stat_link(root / current);
      if (info && info->type == Env::FileType::kSymlink) {
        if (++links > kMaxLinks) {
          result.outcome = RealPath::Outcome::kLoop;
          return result;
        }
        Result<std::string> target = env.read_link(root / current);
        if (!target) {
          info = target.error();
          break;
        }
        const std::optional<std::string> next = link_target_inside(root, done, *target);
        if (!next) {
          result.outcome = RealPath::Outcome::kOutside;
          return result;
        }
        const std::string rest = joined(parts, i + 1);
        pending = rest.empty() ? *next : (next->empty() ? rest : *next + "/" + rest);
        restarted = true;
        continue;
      }
      done = current;
    }
    if (restarted) continue;
    if (!info) {
      result.outcome = info.error().code() == Code::kNotFound ? RealPath::Outcome::kMissing
                                                               : RealPath::Outcome::kError;
      result.error = info.error();
      return result;
    }
    result.outcome = RealPath::Outcome::kInside;
    result.path = done;
    result.info = *info;
    return result;
  }
}

}  // namespace kb
