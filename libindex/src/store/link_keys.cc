#include "store/link_keys.h"

#include <functional>

#include "text/segmenter.h"

namespace kb {

namespace {

constexpr std::size_t kMaxTermBytes = 240;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string_view without_extension(std::string_view name) {
  for (std::string_view ext : {".md", ".markdown"}) {
    if (ends_with_ci(name, ext)) return name.substr(0, name.size() - ext.size());
  }
  return name;
}

std::string_view file_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string name_key(std::string_view name) {
  return normalize(without_extension(name));
}

std::optional<std::string> resolve_relative(std::string_view source,
                                            std::string_view target) {
  std::vector<std::string> parts;
  if (target.empty() || target[0] != '/') {
    // Start from the source note's folder.
    std::string_view folder = source;
    const std::size_t slash = folder.rfind('/');
    folder = slash == std::string_view::npos ? std::string_view() : folder.substr(0, slash);
    std::size_t pos = 0;
    while (pos < folder.size()) {
      std::size_t end = folder.find('/', pos);
      if (end == std::string_view::npos) end = folder.size();
      parts.emplace_back(folder.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  std::size_t pos = 0;
  while (pos <= target.size()) {
    std::size_t end = target.find('/', pos);
    if (end == std::string_view::npos) end = target.size();
    const std::string_view part = target.substr(pos, end - pos);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;  // leaves the root
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.emplace_back(part);
    }
    pos = end + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::optional<std::string> folder_key(std::string_view path) {
  const std::string stem = name_key(file_name(path));
  if (stem != "index" && stem != "readme") return std::nullopt;
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : name_key(path.substr(0, slash));
}

std::vector<std::string> suffix_keys(std::string_view path) {
  std::vector<std::string> keys;
  const std::string key = name_key(path);
  for (std::size_t slash = key.find('/'); slash != std::string::npos;
       slash = key.find('/', slash + 1)) {
    const std::string suffix = key.substr(slash + 1);
    if (suffix.find('/') != std::string::npos) keys.push_back(suffix);
  }
  return keys;
}

std::string stem_key(std::string_view path) { return name_key(file_name(path)); }

std::string key_term(const char* prefix, const std::string& key) {
  std::string term = prefix + key;
  if (term.size() > kMaxTermBytes) {
    term = term.substr(0, kMaxTermBytes - 24) + "#" +
           std::to_string(std::hash<std::string>{}(key));
  }
  return term;
}

}  // namespace kb
