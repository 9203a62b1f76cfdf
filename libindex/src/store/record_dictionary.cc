#include "store/record_dictionary.h"

#include <utility>

#include "store/note_record.h"

namespace kb {

namespace {

// zstd's default size, and what bench measured: 64 KB takes as much off
// zh-notes' records as 110 KB.
constexpr std::size_t kDictionaryBytes = 64u << 10;

// Dictionaries one thread has read, newest last. A few: a thread reads one
// knowledge base at a time, a server's thread one generation after another.
constexpr std::size_t kRemembered = 4;

struct Remembered {
  std::string uuid;
  unsigned id = 0;
  std::shared_ptr<const CompressionDictionary> dictionary;  // null: none of that id
};

}  // namespace

std::optional<CompressionDictionary> train_record_dictionary(const std::vector<Note>& notes) {
  std::vector<std::string> samples;
  std::size_t bytes = 0;
  for (const Note& note : notes) {
    for (std::string& part : note_record_parts(note)) {
      bytes += part.size();
      samples.push_back(std::move(part));
    }
  }
  if (bytes < kMinSampleBytes) return std::nullopt;
  return CompressionDictionary::train(samples, kDictionaryBytes);
}

const CompressionDictionary* record_dictionary(const Xapian::Database& db, unsigned id) {
  thread_local std::vector<Remembered> remembered;
  const std::string uuid = db.get_uuid();
  for (const Remembered& r : remembered) {
    if (r.id == id && r.uuid == uuid) return r.dictionary.get();
  }
  std::shared_ptr<const CompressionDictionary> found;
  if (std::optional<CompressionDictionary> stored =
          CompressionDictionary::load(db.get_metadata(kRecordDictionaryKey));
      stored && stored->id() == id) {
    found = std::make_shared<const CompressionDictionary>(std::move(*stored));
  }
  if (remembered.size() == kRemembered) remembered.erase(remembered.begin());
  remembered.push_back(Remembered{uuid, id, found});
  return found.get();
}

}  // namespace kb
