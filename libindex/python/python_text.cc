#include "python_text.h"

#include <algorithm>

namespace py = pybind11;

namespace kbpy {

py::str path_to_str(const std::string& path) {
  PyObject* decoded =
      PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size()));
  if (decoded == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

py::list paths_to_list(const std::vector<std::string>& paths) {
  py::list list;
  for (const std::string& path : paths) list.append(path_to_str(path));
  return list;
}

std::string path_bytes(py::handle path) {
  // os.fspath(): str and bytes as they are, PathLike through __fspath__.
  py::object plain = py::reinterpret_steal<py::object>(PyOS_FSPath(path.ptr()));
  if (!plain) throw py::error_already_set();
  if (PyUnicode_Check(plain.ptr())) {
    plain = py::reinterpret_steal<py::object>(PyUnicode_EncodeFSDefault(plain.ptr()));
    if (!plain) throw py::error_already_set();
  }
  return std::string(py::bytes(plain));
}

std::filesystem::path fs_path(py::handle path) { return std::filesystem::path(path_bytes(path)); }

std::vector<std::pair<std::size_t, std::size_t>> char_ranges(
    const std::string& text, const std::vector<kb::Highlight>& highlights) {
  // A code point starts at every byte that is not a continuation byte
  // (10xxxxxx), so the offset of byte b is the count of such bytes before b.
  std::vector<std::size_t> offset_of(text.size() + 1, 0);
  std::size_t count = 0;
  for (std::size_t b = 0; b < text.size(); ++b) {
    offset_of[b] = count;
    if ((static_cast<unsigned char>(text[b]) & 0xC0) != 0x80) ++count;
  }
  offset_of[text.size()] = count;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  ranges.reserve(highlights.size());
  for (const kb::Highlight& h : highlights) {
    ranges.emplace_back(offset_of[std::min(h.begin, text.size())],
                        offset_of[std::min(h.end, text.size())]);
  }
  return ranges;
}

}  // namespace kbpy
