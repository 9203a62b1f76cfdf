// Compression: zstd frames for what the index stores but reads only for the
// hits it shows (note records), where a smaller index is worth a few
// microseconds per hit.
#ifndef KB_SRC_BASE_COMPRESSION_H_
#define KB_SRC_BASE_COMPRESSION_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kb {

// One zstd frame holding `data`. Thread-safe.
std::string compress(std::string_view data);

// What the frame `frame` holds, or nullopt when it is not a whole zstd frame
// of at most `max_size` bytes (a damaged index must not make a reader
// allocate without bound). Thread-safe.
std::optional<std::string> decompress(std::string_view frame, std::size_t max_size);

}  // namespace kb

#endif  // KB_SRC_BASE_COMPRESSION_H_
