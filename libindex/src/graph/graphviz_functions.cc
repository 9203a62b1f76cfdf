#include "graph/graphviz_functions.h"

#include <utility>

namespace kb {

namespace {

Result<GraphvizFunctions> opened() {
  GraphvizFunctions gv;
  Result<SharedLibrary> cgraph =
      SharedLibrary::open(KB_LIBCGRAPH_SONAME, {KB_SYMBOL(gv, agmemread), KB_SYMBOL(gv, agclose),
                                                KB_SYMBOL(gv, agseterr), KB_SYMBOL(gv, agseterrf)});
  if (!cgraph) return cgraph.error();
  Result<SharedLibrary> gvc = SharedLibrary::open(
      KB_LIBGVC_SONAME,
      {KB_SYMBOL(gv, gvContext), KB_SYMBOL(gv, gvLayout), KB_SYMBOL(gv, gvFreeLayout),
       KB_SYMBOL(gv, gvRenderData), KB_SYMBOL(gv, gvFreeRenderData)});
  if (!gvc) return gvc.error();
  gv.cgraph = std::move(*cgraph);
  gv.gvc = std::move(*gvc);
  return gv;
}

}  // namespace

const Result<GraphvizFunctions>& graphviz_functions() {
  return opened_once<GraphvizFunctions, opened>();
}

}  // namespace kb
