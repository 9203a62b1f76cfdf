// Crawl scope (kb/crawler.h, CrawlOptions::scope): the one reading of the
// paths a scoped crawl covers, shared by the crawler, which walks them, and
// the index, which looks at no indexed note outside what the crawl covered.
#ifndef KB_SRC_STORE_CRAWL_SCOPE_H_
#define KB_SRC_STORE_CRAWL_SCOPE_H_

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kb/status.h"

namespace kb {

// True when `path` is one of `paths` or below one of them ("" is the root,
// above everything). All are '/'-separated and relative to the root.
inline bool at_or_below_any(const std::string& path, const std::vector<std::string>& paths) {
  for (const std::string& above : paths) {
    if (above.empty() || path == above ||
        (path.size() > above.size() && path[above.size()] == '/' &&
         path.compare(0, above.size(), above) == 0)) {
      return true;
    }
  }
  return false;
}

// `scope` in one spelling: each entry without a trailing '/', sorted, each
// once, none below another; {""} (the whole knowledge base) when it is
// empty or names the root. kInvalidArgument, naming the entry, for one that
// is absolute or has an empty, "." or ".." part, which would name a note
// by a second spelling or leave the root.
inline Result<std::vector<std::string>> normalized_scope(std::vector<std::string> scope) {
  for (std::string& entry : scope) {
    if (entry.empty()) return std::vector<std::string>{""};
    if (entry.size() > 1 && entry.back() == '/') entry.pop_back();
    for (std::size_t start = 0; start <= entry.size();) {
      std::size_t end = entry.find('/', start);
      if (end == std::string::npos) end = entry.size();
      const std::string_view part(entry.data() + start, end - start);
      if (part.empty() || part == "." || part == "..") {
        return Status::invalid_argument(
            entry,
            "not a path relative to the knowledge-base root (it must not start with '/' "
            "nor have an empty, '.' or '..' part)");
      }
      start = end + 1;
    }
  }
  if (scope.empty()) return std::vector<std::string>{""};
  // Sorted, a folder comes before what is below it; an entry is dropped
  // when one of its folders was kept.
  std::sort(scope.begin(), scope.end());
  std::set<std::string> kept;
  for (const std::string& entry : scope) {
    bool below_kept = false;
    for (std::size_t slash = entry.find('/'); slash != std::string::npos && !below_kept;
         slash = entry.find('/', slash + 1)) {
      below_kept = kept.count(entry.substr(0, slash)) != 0;
    }
    if (!below_kept) kept.insert(entry);
  }
  return std::vector<std::string>(kept.begin(), kept.end());
}

}  // namespace kb

#endif  // KB_SRC_STORE_CRAWL_SCOPE_H_
