// The Graphviz functions that graph drawing (graph/graph_render.cc) calls,
// found in libgvc and libcgraph opened on first use
// (base/shared_library.h), not linked: they and the libraries they need
// cost every start of kbsearch a millisecond, and only `graph --format
// svg|png` uses them. Each pointer has the type of the function
// <graphviz/gvc.h> declares, so calls through it are checked as direct
// calls would be.
#ifndef KB_SRC_GRAPH_GRAPHVIZ_FUNCTIONS_H_
#define KB_SRC_GRAPH_GRAPHVIZ_FUNCTIONS_H_

#include <graphviz/gvc.h>

#include "base/shared_library.h"
#include "kb/status.h"

namespace kb {

struct GraphvizFunctions {
  // Keep the functions below loaded. libgvc needs libcgraph and loads it
  // too; it is opened by its own name so that each function is looked up
  // in the library that defines it.
  SharedLibrary gvc;
  SharedLibrary cgraph;
  // libgvc: layout and rendering.
  decltype(&::gvContext) gvContext = nullptr;
  decltype(&::gvLayout) gvLayout = nullptr;
  decltype(&::gvFreeLayout) gvFreeLayout = nullptr;
  decltype(&::gvRenderData) gvRenderData = nullptr;
  decltype(&::gvFreeRenderData) gvFreeRenderData = nullptr;
  // libcgraph: the graph read from DOT, and its error reporting.
  decltype(&::agmemread) agmemread = nullptr;
  decltype(&::agclose) agclose = nullptr;
  decltype(&::agseterr) agseterr = nullptr;
  decltype(&::agseterrf) agseterrf = nullptr;
};

// The functions, libgvc and libcgraph (the SONAMEs KB_LIBGVC_SONAME and
// KB_LIBCGRAPH_SONAME the build found) opened the first time any thread
// asks, once for the process, and kept open until it exits (Graphviz's
// context and its plugins live that long); or, as a kInternal error naming
// the SONAME with dlerror()'s message, why one cannot be opened or lacks
// one of them. Every later call returns the same answer. Thread-safe.
const Result<GraphvizFunctions>& graphviz_functions();

}  // namespace kb

#endif  // KB_SRC_GRAPH_GRAPHVIZ_FUNCTIONS_H_
