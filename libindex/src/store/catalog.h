// Catalog: the knowledge base as the read side sees it, through the index:
// which notes carry a name term, each note's stored record, and which
// files exist inside the root. The link resolver asks a Catalog; the index
// one is IndexCatalog, a test may supply its own.
#ifndef KB_SRC_STORE_CATALOG_H_
#define KB_SRC_STORE_CATALOG_H_

#include <xapian.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kb/env.h"
#include "kb/note.h"
#include "kb/status.h"
#include "store/index_reader.h"
#include "store/link_dialects.h"
#include "store/note_record.h"

namespace kb {

class Catalog {
 public:
  virtual ~Catalog() = default;
  // The paths of the notes that carry the index term `term` (term_prefixes.h:
  // kNamePath, kNameSuffix, ...), sorted.
  virtual std::vector<std::string> notes_with(const std::string& term) const = 0;
  // The stored record of the note at `path` (note_record.h): kNotFound when
  // it is not indexed, kCorruption when the record cannot be read.
  virtual Result<Note> record(const std::string& path) const = 0;
  // True when `path` (relative to the root, already checked to stay inside
  // it) names a regular file inside the root.
  virtual bool file_exists(const std::string& path) const = 0;
  // The dialect the links of the note at `path` are read in
  // (store/link_dialects.h). Default: strict from the root.
  virtual DialectScope dialect_of(const std::string& path) const;
};

// The catalogue over an open index, with caches for the length of one
// request: a whole-knowledge-base report looks the same names up many
// times. Over linked shards (kb/shards.h) it is one catalogue of all their
// notes. Xapian errors are thrown, for the caller's guarded(). Not
// thread-safe (the caches); make one per request, which `reader` outlives.
class IndexCatalog final : public Catalog {
 public:
  explicit IndexCatalog(const IndexReader& reader);

  std::vector<std::string> notes_with(const std::string& term) const override;
  Result<Note> record(const std::string& path) const override;
  // The record's summary and `parts` only, not cached.
  Result<Note> record(const std::string& path, RecordParts parts) const;
  // Inside the root of a local shard. A file (not a note) of a remote
  // shard cannot be seen from here: with remote shards, such a path
  // counts as existing, so that a link to a remote note's image is not
  // reported broken; a missing note (a Markdown name) still is.
  bool file_exists(const std::string& path) const override;
  // From the markers the last update() kept in the index.
  DialectScope dialect_of(const std::string& path) const override;

  // The links of the note at `path`, without decoding its blocks: reading
  // many sources, most of a full record would be text nobody looks at.
  // For notes found in the index, so a missing record is kCorruption too.
  Result<std::vector<Link>> links_of(const std::string& path) const;

  // The document id of the note at `path`, 0 when it is not indexed.
  Xapian::docid find(const std::string& path) const;
  // The path of the note with document id `id`.
  std::string path_of(Xapian::docid id) const;
  // Every indexed note's path, sorted.
  std::vector<std::string> all_paths() const;

  // Every shard's documents, combined.
  const Xapian::Database& database() const { return reader_.db; }
  const IndexReader& reader() const { return reader_; }

 private:
  const IndexReader& reader_;
  mutable std::map<std::string, std::vector<std::string>> names_;
  mutable std::map<std::string, Result<Note>> records_;
  mutable std::optional<std::vector<DialectMarker>> markers_;
};

}  // namespace kb

#endif  // KB_SRC_STORE_CATALOG_H_
