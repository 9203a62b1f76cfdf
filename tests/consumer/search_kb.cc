// A program outside the project, built against the installed kbindex by
// tests/consumer/cmake and tests/consumer/pkgconfig: indexes the knowledge
// base at argv[1], searches it for argv[2], and prints each hit's path,
// one a line. Exit codes as kbsearch's: 0 hits, 1 none, 2 usage, 3 error.
#include <cstdio>
#include <cstring>

#include "kb/kb.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: search_kb KB_ROOT QUERY\n");
    return 2;
  }
  // The headers the program was compiled with must be the library's.
  if (std::strcmp(kb::version(), KB_VERSION_STRING) != 0) {
    std::fprintf(stderr, "search_kb: library %s, headers %s\n", kb::version(),
                 KB_VERSION_STRING);
    return 3;
  }
  {
    auto index = kb::Index::open(argv[1]);
    if (!index) {
      std::fprintf(stderr, "search_kb: %s\n", index.status().to_string().c_str());
      return 3;
    }
    auto report = index.value().update();
    if (!report) {
      std::fprintf(stderr, "search_kb: %s\n", report.status().to_string().c_str());
      return 3;
    }
  }
  auto searcher = kb::Searcher::open(argv[1]);
  if (!searcher) {
    std::fprintf(stderr, "search_kb: %s\n", searcher.status().to_string().c_str());
    return 3;
  }
  kb::SearchOptions options;
  options.limit = kb::SearchOptions::kNoLimit;
  options.collapse = false;
  auto results = searcher.value().search(argv[2], options);
  if (!results) {
    std::fprintf(stderr, "search_kb: %s\n", results.status().to_string().c_str());
    return 2;
  }
  for (const kb::Hit& hit : results.value().hits) std::printf("%s\n", hit.path.c_str());
  return results.value().hits.empty() ? 1 : 0;
}
