// Compression: zstd frames for what the index stores but reads only for the
// hits it shows (note records), where a smaller index is worth a few
// microseconds per hit.
#ifndef KB_SRC_BASE_COMPRESSION_H_
#define KB_SRC_BASE_COMPRESSION_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

// A zstd dictionary: what many small frames of one kind share (the field
// layout of a record, a knowledge base's common words and markup), stored
// once instead of in every frame. A frame made with one names it by its id
// and can be read only with it. Immutable once made; thread-safe.
class CompressionDictionary {
 public:
  // A dictionary of at most `capacity` bytes trained on `samples`, or
  // nullopt when they are too few or too alike for zstd to make one.
  static std::optional<CompressionDictionary> train(const std::vector<std::string>& samples,
                                                    std::size_t capacity);
  // The dictionary whose bytes() are `bytes`; nullopt when they are not a
  // zstd dictionary.
  static std::optional<CompressionDictionary> load(std::string_view bytes);

  CompressionDictionary(CompressionDictionary&&) noexcept;
  CompressionDictionary& operator=(CompressionDictionary&&) noexcept;
  ~CompressionDictionary();

  // The dictionary as stored, for load().
  const std::string& bytes() const;
  // The id its frames carry; never 0, which means "no dictionary".
  unsigned id() const;

 private:
  friend std::string compress(std::string_view, const CompressionDictionary*);
  friend std::optional<std::string> decompress(std::string_view, std::size_t,
                                               const CompressionDictionary*);
  struct Impl;
  explicit CompressionDictionary(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One zstd frame holding `data`, made with `dictionary` when not null.
// Thread-safe.
std::string compress(std::string_view data, const CompressionDictionary* dictionary = nullptr);

// The id of the dictionary the frame `frame` was made with; 0 for none (or
// when `frame` is no zstd frame).
unsigned dictionary_id(std::string_view frame);

// What the frame `frame` holds, or nullopt when it is not a whole zstd frame
// of at most `max_size` bytes (a damaged index must not make a reader
// allocate without bound), or was made with a dictionary and `dictionary`
// is not that one. A frame made without one reads with or without
// `dictionary`. Thread-safe.
std::optional<std::string> decompress(std::string_view frame, std::size_t max_size,
                                      const CompressionDictionary* dictionary = nullptr);

}  // namespace kb

#endif  // KB_SRC_BASE_COMPRESSION_H_
