// libFuzzer target: parse_note() must accept any bytes without crashing,
// hanging or tripping a sanitizer. See tests/README.md for how to run it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kb/note_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const kb::Note note = kb::parse_note(
      "fuzz.md", std::string_view(reinterpret_cast<const char*>(data), size));
  // Every line the parser reports must lie inside the input.
  const auto lines = static_cast<int>(
      1 + std::count(data, data + size, static_cast<std::uint8_t>('\n')));
  for (const kb::Block& block : note.blocks) {
    if (block.first_line < 1 || block.last_line > lines) __builtin_trap();
  }
  return 0;
}
