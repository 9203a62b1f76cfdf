// The Python module kbsearch: the kb::index library for Python programs.
// Only the public C++ API (kb/) is used.
#include <pybind11/pybind11.h>

#include "errors.h"
#include "kb/version.h"
#include "kb_class.h"
#include "result_types.h"

PYBIND11_MODULE(kbsearch, m) {
  m.doc() = R"(Search and links of a Markdown knowledge base (notes in Chinese and English).

    import kbsearch
    kb = kbsearch.KB("notes")            # builds notes/.kbsearch/ when missing
    for hit in kb.search("注意力 tag:LLM", limit=5):
        print(hit.path, hit.line, hit.title)
    print(kb.backlinks("大模型LM/文献精读/Transformer.md"))

KB is the entry point; its methods return Hit, Note, Link, Related,
TagCount and RefreshReport values, and raise kbsearch.Error subclasses.
The same engine as the kbsearch command, and the same index folder.)";
  m.attr("__version__") = kb::version();
  kbpy::define_errors(m);
  kbpy::define_result_types(m);
  kbpy::define_kb_class(m);
}
