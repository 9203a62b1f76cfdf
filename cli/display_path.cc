#include "display_path.h"

#include <system_error>

namespace kbcli {

namespace fs = std::filesystem;

namespace {

fs::path canonical_folder(const fs::path& folder) {
  std::error_code ec;
  fs::path absolute = fs::absolute(folder, ec);
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : canonical;
}

}  // namespace

PathDisplay::PathDisplay(const fs::path& root, const fs::path& cwd, bool from_root) {
  const fs::path canonical_root = canonical_folder(root);
  root_ = canonical_root.string();
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  if (from_root) return;
  const fs::path below = canonical_folder(cwd).lexically_relative(canonical_root);
  if (below.empty() || *below.begin() == "..") return;  // outside the knowledge base
  for (const fs::path& part : below) {
    if (!part.empty() && part != ".") here_.push_back(part.string());
  }
}

std::string PathDisplay::shown(std::string_view path) const {
  // The folders `path` shares with the current folder are left out; one
  // ".." climbs each of the current folder's others.
  std::size_t pos = 0;
  std::size_t shared = 0;
  while (shared < here_.size()) {
    const std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos || path.substr(pos, slash - pos) != here_[shared]) break;
    pos = slash + 1;
    ++shared;
  }
  std::string out;
  out.reserve(3 * (here_.size() - shared) + path.size() - pos);
  for (std::size_t i = shared; i < here_.size(); ++i) out += "../";
  out.append(path.substr(pos));
  return out;
}

std::string PathDisplay::absolute(std::string_view path) const {
  if (root_.empty()) return std::string(path);
  return root_ + (root_ == "/" ? "" : "/") + std::string(path);
}

std::optional<std::string> kb_path_of(const fs::path& root, const fs::path& given) {
  std::error_code ec;
  fs::path path = fs::absolute(given, ec).lexically_normal();
  if (ec) return std::nullopt;
  if (!path.has_filename()) path = path.parent_path();  // "sub/" is the folder sub
  const fs::path canonical_root = canonical_folder(root);
  // The root by another name (a link to it) is still the root.
  if (canonical_folder(path) == canonical_root) return "";
  const fs::path below =
      (canonical_folder(path.parent_path()) / path.filename()).lexically_relative(canonical_root);
  if (below.empty() || *below.begin() == "..") return std::nullopt;
  return below.generic_string();
}

std::string path_in_kb(const fs::path& root, const fs::path& given) {
  // The file kb_path_of() names: "lnk/../x.md" is x.md, as the note path
  // it gives, not what the kernel finds through the link.
  std::error_code ec;
  const fs::path file = fs::absolute(given, ec).lexically_normal();
  if (ec || !fs::is_regular_file(file, ec)) return "";
  return kb_path_of(root, file).value_or("");
}

}  // namespace kbcli
