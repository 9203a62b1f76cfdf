#include "store/link_keys.h"

#include <functional>

#include "base/root_paths.h"
#include "store/term_prefixes.h"
#include "text/segmenter.h"

namespace kb {

namespace {

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

LinkNaming naming_of(Link::Kind kind) {
  switch (kind) {
    case Link::Kind::kMarkdown:
    case Link::Kind::kImage:
    case Link::Kind::kAutolink:
    case Link::Kind::kAssetLink:
      return LinkNaming::kPath;
    case Link::Kind::kWikilink:
    case Link::Kind::kEmbed:
      return LinkNaming::kName;
    case Link::Kind::kPostLink:
      return LinkNaming::kStem;
    case Link::Kind::kUrl:
      break;
  }
  return LinkNaming::kNone;
}

std::vector<std::string> link_terms(const std::string& source, const Link& link) {
  if (link.external || link.target.empty()) return {};
  const std::string_view target = link.target;
  const bool climbs = target.rfind("../", 0) == 0 || target.find("/../") != std::string_view::npos;
  switch (naming_of(link.kind)) {
    case LinkNaming::kPath: {
      std::vector<std::string> terms;
      const std::optional<std::string> path = resolve_relative(source, target);
      if (path) terms.push_back(key_term(prefix::kLinkPath, name_key(*path)));
      std::string_view name = target;
      while (!name.empty() && name[0] == '/') name.remove_prefix(1);
      if (!climbs && !name.empty()) terms.push_back(key_term(prefix::kLinkName, name_key(name)));
      return terms;
    }
    case LinkNaming::kName: {
      // [[../two/page]] is a path from the note, [[/folder/page]] one from
      // the vault's root (found as the end of a path).
      if (target.rfind("./", 0) == 0 || target.rfind("../", 0) == 0) {
        const std::optional<std::string> path = resolve_relative(source, target);
        if (!path) return {};
        return {key_term(prefix::kLinkPath, name_key(*path))};
      }
      std::string_view name = target;
      while (!name.empty() && name[0] == '/') name.remove_prefix(1);
      return {key_term(prefix::kLinkName, name_key(name))};
    }
    case LinkNaming::kStem:
      return {key_term(prefix::kLinkStem, name_key(target))};
    case LinkNaming::kNone:
      break;
  }
  return {};
}

}  // namespace kb
