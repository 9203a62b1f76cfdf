#include "link_output.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

#include "terminal.h"

namespace kbcli {

namespace {

using nlohmann::json;

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string written(const kb::Link& link) {
  switch (link.kind) {
    case kb::Link::Kind::kWikilink:
      return "[[" + link.raw + "]]";
    case kb::Link::Kind::kEmbed:
      return "![[" + link.raw + "]]";
    default:
      return link.raw;
  }
}

}  // namespace

void print_links(const std::vector<kb::ResolvedLink>& links, LinkView view,
                 bool json_out, bool color) {
  for (const kb::ResolvedLink& r : links) {
    if (json_out) {
      std::cout << dump({{"type", "link"},
                         {"data",
                          {{"source", r.source},
                           {"target", r.target},
                           {"status", kb::name_of(r.status)},
                           {"line", r.link.line},
                           {"anchor", r.link.anchor},
                           {"context", r.context},
                           {"kind", kb::name_of(r.link.kind)},
                           {"raw", r.link.raw},
                           {"candidates", r.candidates}}}})
                << "\n";
      continue;
    }
    const std::string where = styled(r.source, Style::kPath, color) + ":" +
                              styled(std::to_string(r.link.line), Style::kLine, color);
    switch (view) {
      case LinkView::kIncoming:
        std::cout << where << ": " << r.context << "\n";
        break;
      case LinkView::kOutgoing:
        std::cout << styled(std::to_string(r.link.line), Style::kLine, color) << "  "
                  << kb::name_of(r.status) << "  " << written(r.link);
        if (!r.target.empty() && r.target != r.link.target) std::cout << "  → " << r.target;
        std::cout << "\n";
        break;
      case LinkView::kProblems:
        std::cout << where << ": " << kb::name_of(r.status) << " " << written(r.link);
        if (!r.candidates.empty()) {
          std::cout << " (";
          for (std::size_t i = 0; i < r.candidates.size(); ++i) {
            std::cout << (i ? ", " : "") << r.candidates[i];
          }
          std::cout << ")";
        }
        std::cout << "\n";
        break;
    }
  }
}

void print_note_paths(const std::vector<std::string>& paths, bool json_out) {
  for (const std::string& path : paths) {
    if (json_out) {
      std::cout << dump({{"type", "note"}, {"data", {{"path", path}}}}) << "\n";
    } else {
      std::cout << path << "\n";
    }
  }
}

// Tags in tree order: by their '/'-separated parts, so that "a/b" follows
// "a" before "a-c" does.
std::vector<kb::TagCount> in_tree_order(std::vector<kb::TagCount> tags) {
  const auto parts = [](const std::string& name) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (std::size_t slash; (slash = name.find('/', pos)) != std::string::npos; pos = slash + 1) {
      out.push_back(name.substr(pos, slash - pos));
    }
    out.push_back(name.substr(pos));
    return out;
  };
  std::stable_sort(tags.begin(), tags.end(), [&](const kb::TagCount& a, const kb::TagCount& b) {
    return parts(a.name) < parts(b.name);
  });
  return tags;
}

void print_tags(const std::vector<kb::TagCount>& listed, bool tree, bool json_out) {
  const std::vector<kb::TagCount> tags = tree ? in_tree_order(listed) : listed;
  for (const kb::TagCount& tag : tags) {
    if (json_out) {
      std::cout << dump({{"type", "tag"}, {"data", {{"name", tag.name}, {"notes", tag.notes}}}})
                << "\n";
    } else if (tree) {
      // "a/b/c" shows as "c" under "b" under "a".
      const auto depth = std::count(tag.name.begin(), tag.name.end(), '/');
      const std::size_t slash = tag.name.rfind('/');
      std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ')
                << (slash == std::string::npos ? tag.name : tag.name.substr(slash + 1))
                << "  " << tag.notes << "\n";
    } else {
      std::cout << tag.notes << "\t" << tag.name << "\n";
    }
  }
}

}  // namespace kbcli
