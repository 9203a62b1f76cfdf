// Owning handles of cmark's objects, each freed by cmark's own function:
// the note stage's parsers and renderers hold cmark's trees only in these.
#ifndef KB_SRC_NOTE_CMARK_HANDLES_H_
#define KB_SRC_NOTE_CMARK_HANDLES_H_

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace kb {

struct CmarkNodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct CmarkIterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
// What cmark's renderers return, allocated with malloc.
struct CmarkTextFree {
  void operator()(char* text) const { std::free(text); }
};

using CmarkNode = std::unique_ptr<cmark_node, CmarkNodeFree>;
using CmarkIter = std::unique_ptr<cmark_iter, CmarkIterFree>;
using CmarkText = std::unique_ptr<char, CmarkTextFree>;

}  // namespace kb

#endif  // KB_SRC_NOTE_CMARK_HANDLES_H_
