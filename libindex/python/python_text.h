// Strings between the library's UTF-8 bytes and Python's str.
//
// Note paths are the bytes of file names, which need not be UTF-8 (Hit::path).
// They cross into Python as os.fsdecode() makes them (the file-system encoding,
// UTF-8 on Linux, with "surrogateescape"), and back as os.fsencode() does, so a
// name that is not UTF-8 comes back byte for byte. Every other string of the
// library is UTF-8 and becomes a plain str.
//
// All functions need the GIL.
#ifndef KB_PYTHON_PYTHON_TEXT_H_
#define KB_PYTHON_PYTHON_TEXT_H_

#include <pybind11/pybind11.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "kb/searcher.h"

namespace kbpy {

// A note path as os.fsdecode() gives it.
pybind11::str path_to_str(const std::string& path);
pybind11::list paths_to_list(const std::vector<std::string>& paths);

// The bytes of `path`: a str (os.fsencode), bytes, or an os.PathLike.
// Throws TypeError (pybind11::type_error) for anything else.
std::string path_bytes(pybind11::handle path);
std::filesystem::path fs_path(pybind11::handle path);

// `highlights`, byte ranges of the UTF-8 `text`, as (begin, end) offsets of
// the str the text becomes: counted in code points, as Python indexes.
std::vector<std::pair<std::size_t, std::size_t>> char_ranges(
    const std::string& text, const std::vector<kb::Highlight>& highlights);

}  // namespace kbpy

#endif  // KB_PYTHON_PYTHON_TEXT_H_
