// IndexReader: an index opened for reading, as the Searcher and the
// LinkGraph hold it. One knowledge base, or several shards (kb/shards.h)
// combined with Xapian's Database::add_database, local or remote
// (Xapian::Remote, served by xapian-tcpsrv): Xapian merges their matches
// with global term statistics. What Xapian does not do across shards is
// done here: a note record (metadata, which a combined Database reads from
// its first shard only) is read from the shard that holds the note, and a
// shard that stops answering is left out, with why, rather than failing
// every query.
#ifndef KB_SRC_STORE_INDEX_READER_H_
#define KB_SRC_STORE_INDEX_READER_H_

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "base/xapian_error.h"
#include "kb/env.h"
#include "kb/note.h"
#include "kb/shards.h"
#include "kb/status.h"
#include "store/note_record.h"

namespace kb {

// The stored record of the note at `path` in `db` (note_record.h), its
// summary and `parts`. kNotFound when it is not indexed, kCorruption when
// the record cannot be read. Throws Xapian::Error.
Result<Note> read_record(const Xapian::Database& db, const std::string& path,
                         RecordParts parts = {});

// One shard as a reader holds it.
struct OpenShard {
  Shard shard;
  Xapian::Database db;     // this shard alone; empty while it is down
  std::string generation;  // a local shard: the generation `db` reads
  Status down;             // why it is left out; OK while it answers
  std::chrono::steady_clock::time_point down_since{};
};

struct IndexReader {
  // The first local shard's root, canonical; "" when every shard is remote.
  std::filesystem::path root;
  // The shards that answer, combined; reopened when a writer outruns it,
  // hence mutable, as the members below.
  mutable Xapian::Database db;
  // Through which local shards' files are read; must outlive the reader.
  const Env* env = nullptr;
  bool linked = true;  // ShardSet::linked of what was opened
  mutable std::vector<OpenShard> shards;  // as the ShardSet lists them
  mutable std::vector<std::size_t> live;  // the shards `db` holds, in order

  // Before each query: moves each local shard to its current generation
  // when a writer has switched to a new one (a first build's compaction,
  // a rebuild, an upgrade), and tries again a shard that has been down for
  // a while. Throws Xapian::Error.
  void follow_generation() const;

  // follow_generation(), then `body` (which reads `db`), moving to the
  // latest commit as reading_latest() does. When a remote shard fails
  // (Xapian::NetworkError: a dead server, a timeout), every remote shard
  // is connected again, those that do not answer are left out (their
  // errors in unavailable()), and `body` runs again on the rest; when none
  // is left, the error is thrown. Other errors are thrown as they come.
  template <typename Body>
  auto reading(Body&& body) const -> decltype(body()) {
    follow_generation();
    if (live.empty()) throw_none_left();
    for (std::size_t attempt = 0;; ++attempt) {
      try {
        return reading_latest(db, body);
      } catch (const Xapian::NetworkError&) {
        if (attempt == shards.size()) throw;
        reconnect_remote_shards();
      }
    }
  }

  // The shard of the document `id` of `db`, and its id in that shard.
  const OpenShard& shard_of(Xapian::docid id) const;
  Xapian::docid id_in_shard(Xapian::docid id) const;

  // The document id in `db` of the note at `path`: the first shard's that
  // holds one, as record() reads it; 0 when none does. Throws Xapian::Error.
  Xapian::docid find(const std::string& path) const;
  // The record of the note at `path`: from the first shard that holds it.
  // Errors as read_record(). Throws Xapian::Error.
  Result<Note> record(const std::string& path, RecordParts parts = {}) const;
  // The record of the note `id` of `db`, whose path is `path`: from its
  // own shard, also when another shard has a note at the same path.
  Result<Note> record_at(Xapian::docid id, const std::string& path, RecordParts parts = {}) const;

  // The local root that holds the note `id` of `db`; "" for a remote shard.
  const std::filesystem::path& root_of(Xapian::docid id) const;
  // The name of the shard of `id` (Shard::name); "" for a reader of one
  // knowledge base.
  const std::string& shard_name(Xapian::docid id) const;

  // The databases of the shards that answer, in order, for metadata that
  // each shard keeps for its own notes (tag spellings, dialect markers).
  std::vector<Xapian::Database> live_databases() const;

  // The ShardSet this reader was opened on (roots made canonical), to open
  // a LinkGraph on the same shards.
  ShardSet shard_set() const;

  // The shards left out, each with why.
  std::vector<ShardError> unavailable() const;

  // Connects every remote shard again, leaves out those that fail and
  // rebuilds `db`; throws Xapian::NetworkError, naming every shard and
  // why, when no shard is left.
  void reconnect_remote_shards() const;
  // Rebuilds `db` from the shards that are up.
  void combine() const;
  // Throws Xapian::NetworkError naming each shard and why it is down.
  [[noreturn]] void throw_none_left() const;
};

// The index of the knowledge base at `root`: a reader of one local shard
// with no name. Errors as open_for_reading().
Result<IndexReader> open_reader(const std::filesystem::path& root, const Env& env);

// The shards of `set`, each opened as open_reader() opens a local one or
// through Xapian's remote backend. A shard that cannot be opened is left
// out (IndexReader::unavailable()); when none opens, the first one's
// error. kInvalidArgument for an empty set, or two shards of one name.
Result<IndexReader> open_reader(const ShardSet& set, const Env& env);

}  // namespace kb

#endif  // KB_SRC_STORE_INDEX_READER_H_
