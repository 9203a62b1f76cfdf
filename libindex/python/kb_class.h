// kbsearch.KB: the Python class of one knowledge base (knowledge_base.h).
#ifndef KB_PYTHON_KB_CLASS_H_
#define KB_PYTHON_KB_CLASS_H_

#include <pybind11/pybind11.h>

namespace kbpy {

// Adds KB and QueryWarning to `module`; after define_errors() and
// define_result_types().
void define_kb_class(pybind11::module_& module);

}  // namespace kbpy

#endif  // KB_PYTHON_KB_CLASS_H_
