#include "base/compression.h"

#include <zdict.h>
#include <zstd.h>

#include <memory>

namespace kb {

namespace {

// Measured on zh-notes' records (27 MB): level 3 makes 10.8 MB, level 6
// 10.2 MB, for 0.4 s more CPU over the whole build and the same speed to
// read back (about 60 us for a 23 KB record).
constexpr int kLevel = 6;

// One context per thread and kind, kept: making one for each call took as
// long as decompressing an average record (measured 40 us against 24 us
// reused).
ZSTD_DCtx* decompression_context() {
  thread_local const std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(
      ZSTD_createDCtx(), &ZSTD_freeDCtx);
  return context.get();
}

ZSTD_CCtx* compression_context() {
  thread_local const std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context(
      ZSTD_createCCtx(), &ZSTD_freeCCtx);
  return context.get();
}

}  // namespace

struct CompressionDictionary::Impl {
  std::string bytes;
  unsigned id = 0;
  std::unique_ptr<ZSTD_CDict, decltype(&ZSTD_freeCDict)> for_writing{nullptr, &ZSTD_freeCDict};
  std::unique_ptr<ZSTD_DDict, decltype(&ZSTD_freeDDict)> for_reading{nullptr, &ZSTD_freeDDict};
};

CompressionDictionary::CompressionDictionary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompressionDictionary::CompressionDictionary(CompressionDictionary&&) noexcept = default;
CompressionDictionary& CompressionDictionary::operator=(CompressionDictionary&&) noexcept = default;
CompressionDictionary::~CompressionDictionary() = default;

const std::string& CompressionDictionary::bytes() const { return impl_->bytes; }
unsigned CompressionDictionary::id() const { return impl_->id; }

std::optional<CompressionDictionary> CompressionDictionary::load(std::string_view bytes) {
  auto impl = std::make_unique<Impl>();
  impl->bytes = std::string(bytes);
  // A raw-content dictionary has id 0: only zstd's own format is taken.
  impl->id = ZSTD_getDictID_fromDict(impl->bytes.data(), impl->bytes.size());
  if (impl->id == 0) return std::nullopt;
  impl->for_writing.reset(ZSTD_createCDict(impl->bytes.data(), impl->bytes.size(), kLevel));
  impl->for_reading.reset(ZSTD_createDDict(impl->bytes.data(), impl->bytes.size()));
  if (!impl->for_writing || !impl->for_reading) return std::nullopt;
  return CompressionDictionary(std::move(impl));
}

std::optional<CompressionDictionary> CompressionDictionary::train(
    const std::vector<std::string>& samples, std::size_t capacity) {
  std::string joined;
  std::vector<std::size_t> sizes;
  for (const std::string& sample : samples) {
    if (sample.empty()) continue;
    joined += sample;
    sizes.push_back(sample.size());
  }
  if (sizes.empty()) return std::nullopt;
  std::string dictionary(capacity, '\0');
  const std::size_t size =
      ZDICT_trainFromBuffer(dictionary.data(), dictionary.size(), joined.data(), sizes.data(),
                            static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(size)) return std::nullopt;
  dictionary.resize(size);
  return load(dictionary);
}

std::string compress(std::string_view data, const CompressionDictionary* dictionary) {
  std::string frame(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size =
      dictionary == nullptr
          ? ZSTD_compress(frame.data(), frame.size(), data.data(), data.size(), kLevel)
          : ZSTD_compress_usingCDict(compression_context(), frame.data(), frame.size(),
                                     data.data(), data.size(),
                                     dictionary->impl_->for_writing.get());
  // Cannot fail with a buffer of ZSTD_compressBound() bytes.
  frame.resize(ZSTD_isError(size) ? 0 : size);
  return frame;
}

unsigned dictionary_id(std::string_view frame) {
  return ZSTD_getDictID_fromFrame(frame.data(), frame.size());
}

std::optional<std::string> decompress(std::string_view frame, std::size_t max_size,
                                      const CompressionDictionary* dictionary) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > max_size) {
    return std::nullopt;
  }
  if (ZSTD_findFrameCompressedSize(frame.data(), frame.size()) != frame.size()) {
    return std::nullopt;  // trailing bytes, or a frame cut short
  }
  const unsigned wanted = dictionary_id(frame);
  if (wanted != 0 && (dictionary == nullptr || dictionary->id() != wanted)) return std::nullopt;
  ZSTD_DCtx* context = decompression_context();
  if (context == nullptr) return std::nullopt;
  std::string data(static_cast<std::size_t>(size), '\0');
  const std::size_t got =
      wanted == 0 ? ZSTD_decompressDCtx(context, data.data(), data.size(), frame.data(),
                                        frame.size())
                  : ZSTD_decompress_usingDDict(context, data.data(), data.size(), frame.data(),
                                               frame.size(), dictionary->impl_->for_reading.get());
  if (ZSTD_isError(got) || got != data.size()) return std::nullopt;
  return data;
}

}  // namespace kb
