// Record dictionary: the zstd dictionary the note records of one index
// generation are compressed with. Records are many small frames of the same
// layout and, within a knowledge base, of the same words and markup: a
// dictionary trained on a sample of them takes a fifth off their size
// (zh-notes: 9.5 MB of records held out from the sample came to 7.8 MB).
// Trained once, at the first build of a generation, and kept in its
// metadata; notes added later are compressed with it too.
#ifndef KB_SRC_STORE_RECORD_DICTIONARY_H_
#define KB_SRC_STORE_RECORD_DICTIONARY_H_

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/compression.h"
#include "kb/note.h"

namespace kb {

// The metadata key of a generation's dictionary; absent when it has none
// (a knowledge base too small to train one on).
inline constexpr const char* kRecordDictionaryKey = "kbsearch.record_dictionary";

// A first build trains a dictionary when its notes give at least this many
// bytes of records to learn from; it samples at most kSampleBytes of them.
inline constexpr std::size_t kMinSampleBytes = 256u << 10;
inline constexpr std::size_t kSampleBytes = 2u << 20;

// A dictionary trained on the records of `notes` (a sample of a
// knowledge base's), or nullopt when they are too few (under
// kMinSampleBytes) or zstd cannot make one of them.
std::optional<CompressionDictionary> train_record_dictionary(const std::vector<Note>& notes);

// The dictionary `db` stores, when its id is `id`; null when `db` has
// none, or one of another id. Kept per thread, for the database's UUID and
// the id, so that reading a record costs no metadata read after the first.
// Throws Xapian::Error.
const CompressionDictionary* record_dictionary(const Xapian::Database& db, unsigned id);

}  // namespace kb

#endif  // KB_SRC_STORE_RECORD_DICTIONARY_H_
