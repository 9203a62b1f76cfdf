#include "store/index_reader.h"

#include <set>

#include "base/root_paths.h"
#include "store/index_folder.h"
#include "store/index_schema.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

// A shard that is down is tried again at the first query this long after
// it failed: a server that restarts is found again, and a dead one costs a
// query a connection attempt at most this often.
constexpr auto kRetryDown = std::chrono::seconds(10);

// The index that `kbsearch serve-index` serves at shard.host:port. Throws
// Xapian::Error (NetworkError when nothing answers within the timeout).
Result<Xapian::Database> open_remote(const Shard& shard) {
  // Xapian reads a timeout of 0 as none at all.
  const auto ms = static_cast<unsigned>(std::max<std::int64_t>(1, shard.timeout.count()));
  Xapian::Database db = Xapian::Remote::open(shard.host, shard.port, ms, ms);
  if (db.get_metadata(schema::kKey) != schema::kVersion) {
    return Status::version_mismatch(shard.name, "the index served at " + shard.host + ":" +
                                                    std::to_string(shard.port) +
                                                    " was built by another version of kbsearch");
  }
  return db;
}

// Opens `open.shard` into `open`; its error, when it cannot, as `down`.
void open_shard(OpenShard& open) {
  const Shard& shard = open.shard;
  Result<Xapian::Database> db = [&]() -> Result<Xapian::Database> {
    if (shard.remote()) return guarded(shard.name, [&] { return open_remote(shard); });
    Result<std::string> generation = current_generation(shard.root);
    Result<Xapian::Database> local = open_for_reading(shard.root);
    if (local) open.generation = generation ? *generation : std::string();
    return local;
  }();
  if (db) {
    open.db = std::move(*db);
    open.down = Status();
  } else {
    open.db = Xapian::Database();
    // Named by the shard, whatever the error's own subject was.
    open.down = shard.name.empty() || db.error().subject() == shard.name
                    ? db.error()
                    : db.error().within(shard.name);
    open.down_since = std::chrono::steady_clock::now();
  }
}

}  // namespace

Result<Note> read_record(const Xapian::Database& db, const std::string& path, RecordParts parts) {
  const std::string data = db.get_metadata(record_key(path));
  if (data.empty()) return Status::not_found(path, "no such note in the index");
  Result<Note> note = decode_note_record(data, parts);
  if (note) return note;
  // The subject names the note, so that the user knows what to re-index.
  return Status::corruption(path, note.error().message() + "; run `kbsearch index` to rebuild");
}

Result<IndexReader> open_reader(const fs::path& root, const Env& env) {
  ShardSet one;
  one.shards.emplace_back().root = root;
  one.linked = true;
  return open_reader(one, env);
}

Result<IndexReader> open_reader(const ShardSet& set, const Env& env) {
  if (set.shards.empty()) return Status::invalid_argument("shards", "no knowledge base to read");
  std::set<std::string> names;
  for (const Shard& shard : set.shards) {
    if (!names.insert(shard.name).second) {
      return Status::invalid_argument(shard.name, "two shards of the same name");
    }
  }
  IndexReader reader;
  reader.env = &env;
  reader.linked = set.linked;
  for (const Shard& shard : set.shards) {
    OpenShard& open = reader.shards.emplace_back();
    open.shard = shard;
    // Opened as given, so that an error names the root as the caller wrote it.
    open_shard(open);
    if (!shard.remote()) open.shard.root = canonical_root(shard.root);
    if (!shard.remote() && reader.root.empty()) reader.root = open.shard.root;
  }
  reader.combine();
  if (reader.live.empty()) return reader.shards.front().down;
  return reader;
}

void IndexReader::combine() const {
  live.clear();
  db = Xapian::Database();
  for (std::size_t i = 0; i < shards.size(); ++i) {
    if (shards[i].down.ok()) live.push_back(i);
  }
  // One shard is read as itself: a combined Database of one reads its
  // metadata too, but costs a level of indirection on every call.
  if (live.size() == 1) {
    db = shards[live.front()].db;
    return;
  }
  for (std::size_t i : live) db.add_database(shards[i].db);
}

void IndexReader::follow_generation() const {
  bool changed = false;
  const auto now = std::chrono::steady_clock::now();
  for (OpenShard& open : shards) {
    if (!open.down.ok()) {
      if (now - open.down_since < kRetryDown) continue;
      open_shard(open);
      changed = changed || open.down.ok();
      continue;
    }
    if (open.shard.remote()) continue;  // its server follows the generations
    Result<std::string> current = current_generation(open.shard.root);
    if (!current || current->empty() || *current == open.generation) continue;
    open.db = Xapian::Database(database_path(open.shard.root).string());
    open.generation = *current;
    changed = true;
  }
  if (changed) combine();
}

void IndexReader::reconnect_remote_shards() const {
  for (OpenShard& open : shards) {
    if (open.shard.remote()) open_shard(open);
  }
  combine();
  if (live.empty()) throw_none_left();
}

void IndexReader::throw_none_left() const {
  std::string why = "no shard answers:";
  for (const ShardError& e : unavailable()) why += " " + e.status.to_string() + ";";
  why.pop_back();
  throw Xapian::NetworkError(why);
}

const OpenShard& IndexReader::shard_of(Xapian::docid id) const {
  return shards[live[(id - 1) % live.size()]];
}

Xapian::docid IndexReader::id_in_shard(Xapian::docid id) const {
  return static_cast<Xapian::docid>((id - 1) / live.size() + 1);
}

Xapian::docid IndexReader::find(const std::string& path) const {
  if (live.size() == 1) return find_note(db, path);
  // Xapian interleaves the shards' ids: id i of the shard at `at` of n is
  // (i - 1) * n + at + 1.
  for (std::size_t at = 0; at < live.size(); ++at) {
    const Xapian::docid own = find_note(shards[live[at]].db, path);
    if (own != 0) return static_cast<Xapian::docid>((own - 1) * live.size() + at + 1);
  }
  return 0;
}

Result<Note> IndexReader::record(const std::string& path, RecordParts parts) const {
  if (live.size() == 1) return read_record(db, path, parts);
  for (std::size_t i : live) {
    Result<Note> note = read_record(shards[i].db, path, parts);
    if (note || note.error().code() != Code::kNotFound) return note;
  }
  return Status::not_found(path, "no such note in the index");
}

Result<Note> IndexReader::record_at(Xapian::docid id, const std::string& path,
                                    RecordParts parts) const {
  return read_record(shard_of(id).db, path, parts);
}

const fs::path& IndexReader::root_of(Xapian::docid id) const { return shard_of(id).shard.root; }

const std::string& IndexReader::shard_name(Xapian::docid id) const {
  return shard_of(id).shard.name;
}

std::vector<Xapian::Database> IndexReader::live_databases() const {
  std::vector<Xapian::Database> out;
  for (std::size_t i : live) out.push_back(shards[i].db);
  return out;
}

ShardSet IndexReader::shard_set() const {
  ShardSet set;
  set.linked = linked;
  for (const OpenShard& open : shards) set.shards.push_back(open.shard);
  return set;
}

std::vector<ShardError> IndexReader::unavailable() const {
  std::vector<ShardError> out;
  for (const OpenShard& open : shards) {
    if (!open.down.ok()) out.push_back(ShardError{open.shard.name, open.down});
  }
  return out;
}

}  // namespace kb
