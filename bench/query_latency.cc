// query_latency [--rounds N] [--raw] [--paths] ROOT QUERY...: in-process
// search latency over an existing index, the first page of 20 hits with
// their snippets, as `kbsearch QUERY` shows it; with --paths, the page's
// paths only (SearchOptions::Detail::kPaths, as `--files` asks), so that the
// difference is the cost of the records and snippets. Each query runs once to warm the
// caches, then N times (default 20). Prints a table of p50 / p99 / max in
// milliseconds and the number of hits; with --raw, one line per query
// instead: the query and each round's milliseconds, tab-separated, for
// bench/compare.py to pool.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <filesystem>

#include "kb/searcher.h"
#include "kb/shards.h"

namespace {

// The latency of each of `rounds` searches of `query` after a warm-up, and
// the number of hits; false (the error printed) when the search fails.
bool timed(const kb::Searcher& searcher, const char* query, const kb::SearchOptions& options,
           int rounds, std::vector<double>& times, std::size_t& hits) {
  for (int round = 0; round <= rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    auto results = searcher.search(query, options);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!results) {
      std::fprintf(stderr, "%s\n", results.error().to_string().c_str());
      return false;
    }
    hits = results->estimated_total;
    if (round > 0) times.push_back(ms);  // round 0 warms the caches
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 20;
  bool raw = false;
  kb::SearchOptions options;
  kb::ShardSet shards;
  int arg = 1;
  for (; arg < argc && argv[arg][0] == '-'; ++arg) {
    if (std::strcmp(argv[arg], "--raw") == 0) {
      raw = true;
    } else if (std::strcmp(argv[arg], "--paths") == 0) {
      options.detail = kb::SearchOptions::Detail::kPaths;
    } else if (std::strcmp(argv[arg], "--shard") == 0 && arg + 1 < argc) {
      const std::string spec = argv[++arg];
      const std::string name = "s" + std::to_string(shards.shards.size());
      if (std::filesystem::is_directory(spec)) {
        shards.shards.emplace_back().root = spec;
        shards.shards.back().name = name;
        continue;
      }
      kb::Result<kb::Shard> remote = kb::remote_shard(name, spec);
      if (!remote) {
        std::fprintf(stderr, "%s\n", remote.error().to_string().c_str());
        return 2;
      }
      shards.shards.push_back(*remote);
    } else if (std::strcmp(argv[arg], "--rounds") == 0 && arg + 1 < argc) {
      rounds = std::atoi(argv[++arg]);
    } else {
      break;
    }
  }
  const int roots = shards.shards.empty() ? 1 : 0;
  if (argc - arg < roots + 1 || rounds < 1) {
    std::fprintf(stderr,
                 "usage: query_latency [--rounds N] [--raw] [--paths] "
                 "(ROOT | --shard ROOT|HOST:PORT...) QUERY...\n");
    return 2;
  }
  auto searcher = roots == 1 ? kb::Searcher::open(argv[arg]) : kb::Searcher::open(shards);
  arg += roots - 1;  // the queries start at arg + 1
  if (!searcher) {
    std::fprintf(stderr, "%s\n", searcher.error().to_string().c_str());
    return 3;
  }
  std::vector<double> all;
  if (!raw)
    std::printf("%-24s\t%8s\t%8s\t%8s\t%6s\n", "query", "p50 ms", "p99 ms", "max ms", "hits");
  for (int q = arg + 1; q < argc; ++q) {
    std::vector<double> times;
    std::size_t hits = 0;
    if (!timed(*searcher, argv[q], options, rounds, times, hits)) return 3;
    for (const kb::ShardError& e : searcher->unavailable_shards()) {
      std::fprintf(stderr, "%s\n", e.status.to_string().c_str());
      return 3;
    }
    if (raw) {
      std::printf("%s", argv[q]);
      for (const double ms : times) std::printf("\t%.4f", ms);
      std::printf("\n");
      continue;
    }
    std::sort(times.begin(), times.end());
    all.insert(all.end(), times.begin(), times.end());
    std::printf("%-24s\t%8.3f\t%8.3f\t%8.3f\t%6zu\n", argv[q], times[times.size() / 2],
                times[times.size() * 99 / 100], times.back(), hits);
  }
  if (raw) return 0;
  std::sort(all.begin(), all.end());
  std::printf("%-24s\t%8.3f\t%8.3f\t%8.3f\n", "(all)", all[all.size() / 2],
              all[all.size() * 99 / 100], all.back());
  return 0;
}
