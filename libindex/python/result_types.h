// The classes of the values KB's methods return: Hit, Note, Link, ... Each
// is a library struct (kb/searcher.h, kb/note.h, kb/link_graph.h) with
// read-only attributes; note paths among them are str as os.fsdecode()
// makes them (python_text.h).
#ifndef KB_PYTHON_RESULT_TYPES_H_
#define KB_PYTHON_RESULT_TYPES_H_

#include <pybind11/pybind11.h>

#include <vector>

#include "kb/link_graph.h"

namespace kbpy {

// Adds the classes to `module`; before any function that returns them.
void define_result_types(pybind11::module_& module);

// (name, count) pairs as kbsearch.TagCount named tuples.
pybind11::list tag_counts(const std::vector<kb::TagCount>& tags);

}  // namespace kbpy

#endif  // KB_PYTHON_RESULT_TYPES_H_
