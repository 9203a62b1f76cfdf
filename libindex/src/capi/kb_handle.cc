// kb_t: the reading handle, one Searcher and one LinkGraph on one index.
#include <utility>

#include "capi/c_status.h"
#include "capi/handles.h"

extern "C" {

kb_status_t kb_open(const char* root, kb_t** out) {
  if (out != nullptr) *out = nullptr;  // what a failed call leaves (kb_c.h)
  if (root == nullptr) return kb::capi::null_argument("kb_open", "root");
  if (out == nullptr) return kb::capi::null_argument("kb_open", "out");
  return kb::capi::guarded_call([&] {
    kb::Result<kb::Searcher> searcher = kb::Searcher::open(root);
    if (!searcher) return kb::capi::fail(searcher.error());
    kb::Result<kb::LinkGraph> graph = kb::LinkGraph::open(root);
    if (!graph) return kb::capi::fail(graph.error());
    *out = new kb_s{std::move(searcher).value(), std::move(graph).value()};
    return KB_STATUS_SUCCESS;
  });
}

void kb_close(kb_t* kb) { delete kb; }

}  // extern "C"
