#include "base/root_paths.h"

#include <algorithm>
#include <deque>
#include <system_error>
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

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

// The parts of an absolute link target below `root`, as written ("..", too:
// the walk applies them to real folders); std::nullopt when it does not
// start with the root.
std::optional<std::vector<std::string>> below_root(const fs::path& root, const fs::path& target) {
  auto r = root.begin();
  auto t = target.begin();
  for (; r != root.end(); ++r, ++t) {
    if (r->empty()) continue;  // a trailing separator of the root
    if (t == target.end() || *r != *t) return std::nullopt;
  }
  std::vector<std::string> parts;
  for (; t != target.end(); ++t) {
    if (!t->empty()) parts.push_back(t->string());
  }
  return parts;
}

}  // namespace

fs::path canonical_root(const fs::path& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  return ec ? root : canonical;
}

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
  std::deque<std::string> pending;  // parts still to follow, in order
  for (std::string_view part : parts_of(path)) pending.emplace_back(part);
  // The parts followed so far: real folders, no links among them, so ".."
  // goes to the real parent, as the kernel resolves it.
  std::vector<std::string> done;
  int links = 0;
  Result<Env::FileInfo> info = env.stat_link(root);
  while (info && !pending.empty()) {
    const std::string part = std::move(pending.front());
    pending.pop_front();
    if (info->type != Env::FileType::kFolder) {
      result.outcome = RealPath::Outcome::kMissing;  // a file is no folder
      return result;
    }
    if (part == ".") continue;
    if (part == "..") {
      if (done.empty()) {
        result.outcome = RealPath::Outcome::kOutside;
        return result;
      }
      done.pop_back();
      info = env.stat_link(root / joined(done));
      continue;
    }
    done.push_back(part);
    const fs::path current = root / joined(done);
    info = env.stat_link(current);
    if (!info || info->type != Env::FileType::kSymlink) continue;
    if (++links > kMaxLinks) {
      result.outcome = RealPath::Outcome::kLoop;
      return result;
    }
    Result<std::string> target = env.read_link(current);
    if (!target) {
      info = target.error();
      break;
    }
    done.pop_back();
    std::vector<std::string> next;
    if (!target->empty() && (*target)[0] == '/') {
      std::optional<std::vector<std::string>> inside = below_root(root, *target);
      if (!inside) {
        result.outcome = RealPath::Outcome::kOutside;
        return result;
      }
      done.clear();
      next = std::move(*inside);
    } else {
      for (std::string_view p : parts_of(*target)) next.emplace_back(p);
    }
    pending.insert(pending.begin(), next.begin(), next.end());
    info = env.stat_link(root / joined(done));  // the folder the target starts from
  }
  if (!info) {
    result.outcome = info.error().code() == Code::kNotFound ? RealPath::Outcome::kMissing
                                                             : RealPath::Outcome::kError;
    result.error = info.error();
    // Where the missing file would be, when the parts still to follow say
    // it plainly: a link's target may have ".." in them.
    if (result.outcome == RealPath::Outcome::kMissing &&
        std::none_of(pending.begin(), pending.end(),
                     [](const std::string& p) { return p == "." || p == ".."; })) {
      done.insert(done.end(), pending.begin(), pending.end());
      result.path = joined(done);
    }
    return result;
  }
  result.outcome = RealPath::Outcome::kInside;
  result.path = joined(done);
  result.info = *info;
  return result;
}

Result<RealPath> file_inside_root(const Env& env, const std::filesystem::path& root,
                                  const std::string& path) {
  if (path.empty() || path[0] == '/') {
    return Status::invalid_argument(path, "not a path inside the knowledge base");
  }
  RealPath real = follow_inside_root(env, root, path);
  switch (real.outcome) {
    case RealPath::Outcome::kInside: return real;
    case RealPath::Outcome::kMissing: return Status::not_found(path, "no such file");
    case RealPath::Outcome::kOutside:
      return Status::invalid_argument(path, "leads outside the knowledge base: skipped");
    case RealPath::Outcome::kLoop:
      return Status::invalid_argument(path, "symbolic link loop: skipped");
    case RealPath::Outcome::kError: break;
  }
  return Status::io_error(path, real.error.message());
}

}  // namespace kb
