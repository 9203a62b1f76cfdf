// rank_eval ROOT K1,B,TITLE,STEM...: for each ranking (kb::Ranking) given,
// searches every labelled query read from stdin ("QUERY<TAB>PATH" lines:
// PATH is the note the query should find) on the index of ROOT, and prints
// the ranking with the share of queries whose note is first, in the top 3,
// and the MRR@10. A note collapsed into a hit as its duplicate counts at
// that hit's rank. In-process, so bench/tune_rank.py can try many rankings.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "kb/searcher.h"

namespace {

struct Label {
  std::string query;
  std::string path;
};

// The 1-based rank of `path` in `hits`, or 0.
std::size_t rank_of(const std::vector<kb::Hit>& hits, const std::string& path) {
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (hits[i].path == path) return i + 1;
    for (const std::string& copy : hits[i].duplicates) {
      if (copy == path) return i + 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: rank_eval ROOT K1,B,TITLE,STEM... < LABELS\n");
    return 2;
  }
  auto searcher = kb::Searcher::open(argv[1]);
  if (!searcher) {
    std::fprintf(stderr, "%s\n", searcher.error().to_string().c_str());
    return 3;
  }
  std::vector<Label> labels;
  for (std::string line; std::getline(std::cin, line);) {
    const std::size_t tab = line.find('\t');
    if (tab != std::string::npos) labels.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  if (labels.empty()) {
    std::fprintf(stderr, "no labels on stdin\n");
    return 2;
  }
  for (int arg = 2; arg < argc; ++arg) {
    kb::SearchOptions options;
    options.limit = 10;
    kb::Ranking& r = options.ranking;
    if (std::sscanf(argv[arg], "%lf,%lf,%lf,%lf", &r.k1, &r.b, &r.title, &r.stem) != 4) {
      std::fprintf(stderr, "not K1,B,TITLE,STEM: %s\n", argv[arg]);
      return 2;
    }
    std::size_t first = 0, top3 = 0;
    double reciprocal = 0;
    for (const Label& label : labels) {
      auto results = searcher->search(label.query, options);
      const std::size_t rank = results ? rank_of(results->hits, label.path) : 0;
      first += rank == 1;
      top3 += rank >= 1 && rank <= 3;
      reciprocal += rank ? 1.0 / static_cast<double>(rank) : 0.0;
    }
    const double n = static_cast<double>(labels.size());
    std::printf("%s %.4f %.4f %.4f\n", argv[arg], static_cast<double>(first) / n,
                static_cast<double>(top3) / n, reciprocal / n);
  }
  return 0;
}
