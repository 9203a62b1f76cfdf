// Index schema: where the index of a knowledge base lives and how a note is
// keyed in it. The one place for the id term, the record key, the file
// stamp, the folder names and the schema version, shared by the writer
// (Index) and every reader (Searcher, LinkGraph, Vocabulary).
#ifndef KB_SRC_STORE_INDEX_SCHEMA_H_
#define KB_SRC_STORE_INDEX_SCHEMA_H_

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "kb/env.h"
#include "kb/status.h"

namespace kb::schema {

// Metadata key and value recording how the index was built. Bump the value
// whenever terms, values or the note record change: update() then re-reads
// every note, and readers refuse the old index until it has.
inline constexpr const char* kKey = "kbsearch.schema";
inline constexpr const char* kVersion = "22";

}  // namespace kb::schema

namespace kb {

// The unique id term of the note at `path`: "Q" + path, shortened with a
// hash when too long for a Xapian term.
std::string note_id_term(const std::string& path);

// The term every note below `folder` (relative to the root, not "") has:
// "P" + folder; nullopt for a folder too long for a Xapian term, whose
// notes have none.
std::optional<std::string> folder_term(const std::string& folder);

// The metadata key under which the index keeps the note record of `path`
// (see note_record.h): in metadata rather than the document data, because
// Xapian compresses document data, and decompressing 20 records took half of
// a search's time.
std::string record_key(const std::string& path);

// What update() compares to decide a note is unchanged: the mtime and size
// the crawler saw, and the hash of the bytes that were indexed.
struct FileStamp {
  std::int64_t mtime_ns = 0;
  std::uint64_t size = 0;
  std::uint64_t content_hash = 0;

  bool operator==(const FileStamp&) const = default;
};

// "MTIME_NS SIZE HASH", as the index keeps it in slot::kFileStamp.
std::string encode_file_stamp(const FileStamp& stamp);
// The stamp `value` encodes, or nullopt for anything else (an index of an
// older schema, a damaged value): the note is then read again.
std::optional<FileStamp> decode_file_stamp(const std::string& value);

// The document id of the note at `path` in `db`, or 0 when it is not
// indexed. Throws Xapian::Error, for the caller's guarded().
Xapian::docid find_note(const Xapian::Database& db, const std::string& path);

// The database of the knowledge base at `root`, for reading: the current
// generation (index_folder.h). kNotFound when there is no index,
// kVersionMismatch when it was built with another schema (Index::update()
// rebuilds it), kInvalidArgument as check_index_folders(), and the Xapian
// errors as status_from_xapian().
Result<Xapian::Database> open_for_reading(const std::filesystem::path& root);

}  // namespace kb

#endif  // KB_SRC_STORE_INDEX_SCHEMA_H_
