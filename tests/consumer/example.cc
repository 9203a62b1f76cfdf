// Prints the top hits of a search and the backlinks of the first:
// example KB_FOLDER QUERY. The body of main() after the usage line is
// libindex/README.md's C++ example (checked by tests/docs/readme_examples.py);
// tests/consumer/cmake builds it against the installed package.
#include <cstdio>

#include "kb/kb.h"

int main(int argc, char** argv) {
  if (argc != 3) return std::fprintf(stderr, "usage: example KB_FOLDER QUERY\n"), 2;
  auto index = kb::Index::open(argv[1]);  // creates KB_FOLDER/.kbsearch/ when missing
  kb::Status status = index ? index->update().status() : index.status();
  auto searcher = kb::Searcher::open(argv[1]);
  auto results = searcher ? searcher->search(argv[2]) : searcher.status();
  auto graph = kb::LinkGraph::open(argv[1]);
  if (!status.ok() || !results || !graph) {  // the first error there is
    status = !status.ok() ? status : !results ? results.status() : graph.status();
    return std::fprintf(stderr, "%s\n", status.to_string().c_str()), 3;
  }
  for (const kb::Hit& hit : results->hits)
    std::printf("%s:%d: %s\n", hit.path.c_str(), hit.line, hit.title.c_str());
  if (results->hits.empty()) return 1;
  auto backlinks = graph->backlinks(results->hits[0].path);  // kb::Result, as every call's
  for (const kb::ResolvedLink& link : backlinks ? *backlinks : std::vector<kb::ResolvedLink>{})
    std::printf("  linked from %s:%d\n", link.source.c_str(), link.link.line);
  return 0;
}
