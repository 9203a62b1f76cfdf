// query_latency ROOT QUERY...: in-process search latency over an existing
// index. Each query runs once to warm the caches, then `rounds` times; prints
// a table of p50 / p99 / max in milliseconds and the number of hits.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "kb/searcher.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: query_latency ROOT QUERY...\n");
    return 2;
  }
  auto searcher = kb::Searcher::open(argv[1]);
  if (!searcher) {
    std::fprintf(stderr, "%s\n", searcher.error().to_string().c_str());
    return 3;
  }
  constexpr int kRounds = 20;
  std::vector<double> all;
  std::printf("%-24s %8s %8s %8s %6s\n", "query", "p50 ms", "p99 ms",
              "max ms", "hits");
  for (int q = 2; q < argc; ++q) {
    std::vector<double> times;
    std::size_t hits = 0;
    for (int round = 0; round <= kRounds; ++round) {
      const auto start = std::chrono::steady_clock::now();
      auto results = searcher->search(argv[q]);
      const double ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - start)
                            .count();
      if (!results) {
        std::fprintf(stderr, "%s\n", results.error().to_string().c_str());
        return 3;
      }
      hits = results->estimated_total;
      if (round > 0) times.push_back(ms);  // round 0 warms the caches
    }
    std::sort(times.begin(), times.end());
    all.insert(all.end(), times.begin(), times.end());
    std::printf("%-24s %8.3f %8.3f %8.3f %6zu\n", argv[q],
                times[times.size() / 2], times[times.size() * 99 / 100],
                times.back(), hits);
  }
  std::sort(all.begin(), all.end());
  std::printf("%-24s %8.3f %8.3f %8.3f\n", "(all)", all[all.size() / 2],
              all[all.size() * 99 / 100], all.back());
  return 0;
}
