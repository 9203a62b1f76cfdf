// Owning handles of cmark's objects, each freed by cmark's own function:
// the note stage's parsers and renderers hold cmark's trees only in these.
// The cmark is cmark-gfm, GitHub's cmark: the same API with extensions
// (libindex/CMakeLists.txt says why).
#ifndef KB_SRC_NOTE_CMARK_HANDLES_H_
#define KB_SRC_NOTE_CMARK_HANDLES_H_

#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

namespace kb {

struct CmarkNodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct CmarkParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct CmarkIterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
// What cmark's renderers return, allocated with malloc.
struct CmarkTextFree {
  void operator()(char* text) const { std::free(text); }
};

using CmarkNode = std::unique_ptr<cmark_node, CmarkNodeFree>;
using CmarkParser = std::unique_ptr<cmark_parser, CmarkParserFree>;
using CmarkIter = std::unique_ptr<cmark_iter, CmarkIterFree>;
using CmarkText = std::unique_ptr<char, CmarkTextFree>;

}  // namespace kb

#endif  // KB_SRC_NOTE_CMARK_HANDLES_H_
