#include "kb/index.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <system_error>

#include "base/content_hash.h"
#include "base/ordered_workers.h"
#include "base/root_paths.h"
#include "store/document_builder.h"
#include "store/index_schema.h"
#include "store/catalog.h"
#include "store/crawl_scope.h"
#include "store/file_name_dates_key.h"
#include "store/link_dialects.h"
#include "store/note_record.h"
#include "store/tag_spellings.h"
#include "kb/crawler.h"
#include "kb/settings.h"
#include "kb/note_parser.h"
#include "note/note_reader.h"
#include "store/term_prefixes.h"
#include "store/index_folder.h"
#include "store/vocabulary.h"
#include "base/xapian_error.h"

namespace kb {
namespace fs = std::filesystem;

fs::path find_root_above(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return {};
  while (true) {
    if (fs::is_directory(index_dir(dir), ec)) return dir;
    fs::path parent = dir.parent_path();
    if (parent == dir) return {};
    dir = parent;
  }
}

namespace {

// Set once an update has read every note into the generation: until then
// (a new generation, a first build that was stopped) it holds only some of
// them, and every update reads the whole knowledge base, even one asked for
// a scope, so that the index is never left half built.
constexpr const char* kBuiltKey = "kbsearch.built";

// Far below Xapian's limit on one metadata value, and far above any real
// note's record (a 50 MB note's is about as large as the note).
constexpr std::size_t kMaxRecordBytes = 256u << 20;

// What a note too large to keep whole keeps of itself in its record: all
// but the text of its blocks and the contexts of its links.
Note minimal_record(const Note& note) {
  Note minimal = note;
  minimal.blocks.clear();
  for (Link& link : minimal.links) link.context.clear();
  return minimal;
}

}  // namespace

namespace {

// A note update() reads, and whether the index had it before.
struct PendingNote {
  NoteFile note;
  bool is_new = false;
  // The hash of the indexed bytes, when only the mtime differs: the same
  // bytes then only get the new stamp.
  std::optional<std::uint64_t> indexed_hash;
  // Unchanged on disk, read again to repair it with the others' new words:
  // counted as unchanged, its problems already reported when it changed.
  bool repair_again = false;
};

// What a worker made of a PendingNote, for the writer.
struct PreparedNote {
  Result<Note> note = Note();  // or why it could not be read
  bool same_content = false;   // the bytes are those indexed: restamp only
  bool needs_repair = false;   // mojibake: parsed again in pass two
  std::optional<Xapian::Document> document;
  std::string record;
  // The record was too large and is the minimal one (its size in MiB).
  std::optional<std::size_t> minimal_record_mib;
};

struct Plan {
  std::vector<PendingNote> to_read;  // new and changed notes, by path
  std::vector<std::string> gone;     // indexed, no longer found
};

}  // namespace

struct Index::Impl {
  fs::path root;
  IndexOptions options;
  std::optional<WriterLock> lock;  // held as long as the Index; outlives `db`
  Xapian::WritableDatabase db;
  // `db` is a generation this Index made: empty at first, written without
  // waiting for the disk, and compacted (and so flushed) once update() has
  // filled it.
  bool fresh = false;
  IndexStart start = IndexStart::kIncremental;
  DocumentBuilder put_builder;  // for Index::put(), on the caller's thread
  std::size_t pending = 0;      // changes since the last commit
  // How update() parses notes: set from the settings at its start.
  ParseOptions parse_options;

  std::string subject() const { return index_dir(root).string(); }

  void report(const Diagnostic& d, IndexReport& report) {
    ++report.diagnostics;
    if (options.on_diagnostic) options.on_diagnostic(d);
  }

  // Path and stamp (nullopt when unreadable) of each indexed note at or
  // below one of `covered` (CrawlResult::covered), sorted by path. The notes
  // the terms of the covered paths post to are looked up one by one, so that
  // a scoped update reads the index in proportion to its scope; every note
  // is read from the value streams (one slot for all notes, without loading
  // a document, both in docid order) when that is the whole index.
  std::vector<std::pair<std::string, std::optional<FileStamp>>> indexed_stamps(
      const std::vector<std::string>& covered) {
    std::vector<std::pair<std::string, std::optional<FileStamp>>> stamps;
    if (std::optional<std::set<Xapian::docid>> ids = notes_posted_below(covered)) {
      for (const Xapian::docid id : *ids) {
        const Xapian::Document doc = db.get_document(id, Xapian::DOC_ASSUME_VALID);
        std::string path = doc.get_value(slot::kPath);
        // A shortened id term may stand for a longer path.
        if (!at_or_below_any(path, covered)) continue;
        stamps.emplace_back(std::move(path), decode_file_stamp(doc.get_value(slot::kFileStamp)));
      }
    } else {
      stamps.reserve(db.get_doccount());
      auto stamp = db.valuestream_begin(slot::kFileStamp);
      const auto stamps_end = db.valuestream_end(slot::kFileStamp);
      const auto paths_end = db.valuestream_end(slot::kPath);
      for (auto path = db.valuestream_begin(slot::kPath); path != paths_end; ++path) {
        std::string value = *path;  // a copy each time it is dereferenced
        if (!at_or_below_any(value, covered)) continue;
        while (stamp != stamps_end && stamp.get_docid() < path.get_docid()) ++stamp;
        std::optional<FileStamp> decoded;
        if (stamp != stamps_end && stamp.get_docid() == path.get_docid()) {
          decoded = decode_file_stamp(*stamp);
        }
        stamps.emplace_back(std::move(value), decoded);
      }
    }
    std::sort(stamps.begin(), stamps.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return stamps;
  }

  // The ids of the notes at or below `covered`, from the terms a note has
  // (index_schema.h): its id term, and the term of each folder above it.
  // nullopt when only a look at every note can tell: `covered` holds the
  // root, or a folder too long for its term.
  std::optional<std::set<Xapian::docid>> notes_posted_below(
      const std::vector<std::string>& covered) const {
    std::set<Xapian::docid> ids;
    for (const std::string& path : covered) {
      std::optional<std::string> folder = path.empty() ? std::nullopt : folder_term(path);
      if (!folder) return std::nullopt;
      for (const std::string& term : {note_id_term(path), *folder}) {
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) ids.insert(*it);
      }
    }
    return ids;
  }

  // The document and record of `note`, built where the index is not
  // touched, so on any thread with its own `builder`. Throws Xapian::Error.
  static PreparedNote prepare(Note note, DocumentBuilder& builder) {
    PreparedNote out;
    out.document = builder.build(note);
    out.record = encode_note_record(note);
    if (out.record.size() > kMaxRecordBytes) {
      out.record = encode_note_record(minimal_record(note));
      out.minimal_record_mib = out.record.size() >> 20;
    }
    out.note = std::move(note);
    return out;
  }

  // Runs `body`, the changes of one note, all or none: should one of them
  // throw (the disk is full), every change since the last commit is
  // dropped, with the exception passed on, so that no commit, not even the
  // implicit one when the database closes, can store half a note (a
  // document without its record, tag counts taken off and not put back).
  // The notes of that batch are read again by the next update(), as their
  // stamps were not committed either.
  template <typename Body>
  Status atomically(Body&& body) {
    return guarded(subject(), [&] {
      db.begin_transaction(/*flushed=*/false);
      try {
        body();
      } catch (...) {
        db.cancel_transaction();
        pending = 0;
        throw;
      }
      db.commit_transaction();
      ++pending;
      return Status();
    });
  }

  // Writes a prepared note, counting a record too large to store in
  // `tally`. Everything that can fail on the note's own account (building
  // the document, encoding the record) happened in prepare(), before the
  // index is touched.
  Status store(PreparedNote& prepared, IndexReport& tally) {
    const Note& note = *prepared.note;
    return atomically([&] {
      if (prepared.minimal_record_mib) {
        report(Diagnostic{note.path, 0,
                          "too large to keep its text in the index (" +
                              std::to_string(*prepared.minimal_record_mib) +
                              " MiB without it): found by its words, shown without a snippet"},
               tally);
      }
      forget_tag_spellings(note.path);
      db.set_metadata(record_key(note.path), prepared.record);
      db.replace_document(note_id_term(note.path), *prepared.document);
      count_tag_spellings(db, note.tag_names(), +1);
    });
  }

  // Gives the indexed note at `path` the stamp of `file`, whose bytes are
  // those indexed. Only the value changes, so Xapian rewrites nothing else.
  Status restamp(const NoteFile& file, std::uint64_t hash) {
    return atomically([&] {
      const Xapian::docid id = find_note(db, file.path);
      if (id == 0) return;
      Xapian::Document doc = db.get_document(id);
      doc.add_value(slot::kFileStamp, encode_file_stamp(FileStamp{file.mtime_ns, file.size, hash}));
      db.replace_document(id, doc);
    });
  }

  int write_flags() const { return options.durable ? 0 : Xapian::DB_NO_SYNC; }

  // Opens the current generation, or starts a new one when there is none,
  // when told to rebuild, or when the current one is of another schema (a
  // new version of kbsearch rebuilds by itself). Throws Xapian::Error.
  Status open_database() {
    Result<std::string> current = current_generation(root);
    if (!current && !options.rebuild) return current.error();
    if (!options.rebuild && current && !current->empty()) {
      db = Xapian::WritableDatabase(database_path(root).string(), Xapian::DB_OPEN | write_flags());
      if (db.get_metadata(schema::kKey) == schema::kVersion) return Status();
      start = IndexStart::kOtherSchema;
    } else if (options.rebuild) {
      start = IndexStart::kRebuild;
    } else {
      // Schema 15 and before kept one database in another folder.
      std::error_code ec;
      start = fs::exists(legacy_database_dir(root), ec) ? IndexStart::kOtherSchema
                                                        : IndexStart::kNew;
    }
    return start_generation();
  }

  // Makes an empty generation of the current schema the current one.
  // Readers go on reading the old one until they reopen.
  Status start_generation() {
    const std::string generation = next_generation(root);
    db =
        Xapian::WritableDatabase((index_dir(root) / generation).string(),
                                 Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    db.set_metadata(schema::kKey, schema::kVersion);
    db.commit();
    fresh = true;
    return switch_generation(root, generation);
  }

  // Replaces the current generation by a compacted copy of it: a database
  // committed in batches takes 40% less room compacted, and the copy is
  // written to disk in one go (the fresh generation was not flushed).
  // Throws Xapian::Error.
  Status compact() {
    Result<std::string> current = current_generation(root);
    if (!current) return current.error();
    const std::string generation = next_generation(root);
    Xapian::Database(database_path(root).string()).compact((index_dir(root) / generation).string());
    if (Status s = switch_generation(root, generation); !s.ok()) return s;
    db = Xapian::WritableDatabase(database_path(root).string(), Xapian::DB_OPEN | write_flags());
    fresh = false;
    remove_stale_generations(root);
    return Status();
  }

  // Threads that read and analyse notes while this one writes: one per
  // core, unless told otherwise, and none for a handful of notes.
  unsigned worker_count(std::size_t notes) const {
    if (notes < 8) return 0;
    if (options.threads != 0) return options.threads;
    return std::max(1u, std::thread::hardware_concurrency());
  }

  bool stop_requested() const { return options.stop_requested && options.stop_requested(); }

  void tell(const IndexProgress& progress) const {
    if (options.on_progress) options.on_progress(progress);
  }

  // What update() has to do, decided from the crawl and the file stamps
  // of the indexed notes it covered, before anything is read: notes too
  // large are reported and left out, unchanged ones counted.
  // With `read_all` (the file-name date formats changed), every note is
  // read and parsed again, whatever its stamp and bytes.
  Plan plan(const CrawlResult& files, bool read_all, IndexReport& report) {
    const auto stamps = indexed_stamps(files.covered);
    const std::set<std::string> repaired = repaired_paths();
    std::vector<PendingNote> unchanged_repaired;
    Plan out;
    // Both lists are sorted by path: one merge finds the new, the known
    // and the gone.
    auto known = stamps.begin();
    for (const NoteFile& file : files.notes) {
      for (; known != stamps.end() && known->first < file.path; ++known) {
        out.gone.push_back(known->first);
      }
      const bool is_new = known == stamps.end() || known->first != file.path;
      std::optional<FileStamp> stamp;
      if (!is_new) stamp = (known++)->second;
      if (file.size > options.max_note_bytes) {
        // Not read, and not kept: what the index held for it goes as gone.
        this->report(
            Diagnostic{file.path, 0,
                       "larger than " + std::to_string(options.max_note_bytes >> 20) + " MiB (" +
                           std::to_string(file.size >> 20) + " MiB): not indexed"},
            report);
        if (!is_new) out.gone.push_back(file.path);
        continue;
      }
      std::optional<std::uint64_t> indexed_hash;
      if (stamp && stamp->size == file.size && !read_all) {
        if (stamp->mtime_ns == file.mtime_ns) {
          ++report.unchanged;
          if (repaired.count(file.path) != 0) {
            unchanged_repaired.push_back(PendingNote{file, false, std::nullopt, true});
          }
          continue;
        }
        indexed_hash = stamp->content_hash;
      }
      out.to_read.push_back(PendingNote{file, is_new, indexed_hash});
    }
    for (; known != stamps.end(); ++known) out.gone.push_back(known->first);
    // A mojibake note's repair follows the other notes' words: when they
    // change, it is repaired again, as a rebuild would.
    if (!out.to_read.empty() || !out.gone.empty()) {
      out.to_read.insert(out.to_read.end(), unchanged_repaired.begin(), unchanged_repaired.end());
      std::sort(
          out.to_read.begin(), out.to_read.end(),
          [](const PendingNote& a, const PendingNote& b) { return a.note.path < b.note.path; });
    }
    return out;
  }

  // Paths of the notes indexed as repaired from mojibake.
  std::set<std::string> repaired_paths() const {
    std::set<std::string> paths;
    for (auto it = db.postlist_begin(prefix::kRepaired); it != db.postlist_end(prefix::kRepaired);
         ++it) {
      paths.insert(db.get_document(*it).get_value(slot::kPath));
    }
    return paths;
  }

  // Runs `body`, a PreparedNote's making for `path` on any thread, turning
  // what it throws into the note's error.
  template <typename Body>
  static PreparedNote guarded_prepare(const std::string& path, Body&& body) {
    Result<PreparedNote> prepared = guarded(path, [&]() -> Result<PreparedNote> { return body(); });
    if (prepared) return std::move(*prepared);
    PreparedNote failed;
    failed.note = prepared.error();
    return failed;
  }

  // Reads and prepares `file` on a worker thread: touches nothing shared
  // but the Env, which is thread-safe. A mojibake note is only marked for
  // pass two.
  PreparedNote read_and_prepare(const PendingNote& file, DocumentBuilder& builder) const {
    return guarded_prepare(file.note.path, [&] {
      Result<std::string> bytes = read_note_bytes_below(root, file.note.path, *options.env);
      PreparedNote out;
      if (!bytes) {
        out.note = bytes.error();
        return out;
      }
      if (file.indexed_hash && *file.indexed_hash == content_hash(*bytes)) {
        out.same_content = true;
        return out;
      }
      Note note = parse_note(file.note.path, *bytes, Vocabulary::none(), parse_options);
      if (!note.repaired.empty()) {
        out.needs_repair = true;
        return out;
      }
      note.mtime_ns = file.note.mtime_ns;
      return prepare(std::move(note), builder);
    });
  }

  // Writes what a worker prepared for `file`; a note that could not be
  // read is reported and counted, and what the index held for it stays.
  Status write_prepared(const PendingNote& file, PreparedNote& prepared, IndexReport& tally) {
    if (prepared.same_content) {
      if (Status s = restamp(file.note, *file.indexed_hash); !s.ok()) return s;
      ++tally.unchanged;
      commit_full_batch();
      return Status();
    }
    if (!prepared.note) {
      ++tally.failed;
      report(Diagnostic{file.note.path, 0, prepared.note.error().message()}, tally);
      return Status();
    }
    if (!file.repair_again) {
      for (const Diagnostic& d : prepared.note->diagnostics) report(d, tally);
    }
    if (Status s = store(prepared, tally); !s.ok()) return s;
    if (!file.repair_again) ++(file.is_new ? tally.added : tally.updated);
    commit_full_batch();
    return Status();
  }

  // Ends update() early: commits what is done (not the removal of notes
  // not yet seen, which may only be unvisited). Throws Xapian::Error.
  IndexReport stop(IndexReport report) {
    db.commit();
    pending = 0;
    report.stopped = true;
    return report;
  }

  // Takes the tag spellings of the indexed version of the note at `path`
  // out of the counts, before it is replaced or removed. A record that
  // cannot be read counts as no tags (a rebuild corrects the counts).
  void forget_tag_spellings(const std::string& path) {
    if (fresh) return;  // nothing to forget in a new generation
    Result<Note> old = read_record(db, path, RecordParts{.links = false, .blocks = false, .tagged_blocks = false});
    if (old) count_tag_spellings(db, old->tag_names(), -1);
  }

  // Keeps the markers that decide each note's link dialect (after the
  // config's setting), for the link graph, which resolves links after
  // every refresh: a marker added or a setting changed reaches the next
  // query though no note changed. Written only when they changed.
  Status keep_dialect_markers(LinkDialect configured, std::vector<DialectMarker> found) {
    const std::string encoded = encode_markers(effective_markers(configured, std::move(found)));
    return guarded(subject(), [&] {
      if (db.get_metadata(kDialectMarkersKey) == encoded) return Status();
      return atomically([&] { db.set_metadata(kDialectMarkersKey, encoded); });
    });
  }

  // The settings this update() follows: the given ones, else the KB
  // config's, read now (its problems reported), so that a change to the
  // file is seen at the next update().
  Settings settings(IndexReport& tally) {
    if (options.settings) return *options.settings;
    std::vector<Diagnostic> problems;
    Settings read;
    apply_kb_config(root, *options.env, read, problems);
    for (const Diagnostic& d : problems) report(d, tally);
    return read;
  }

  // The crawl's patterns: the settings' excludes, then the options'.
  std::vector<std::string> excludes(const Settings& settings) const {
    std::vector<std::string> out;
    for (const Setting<std::string>& glob : settings.exclude) out.push_back(glob.value);
    out.insert(out.end(), options.exclude.begin(), options.exclude.end());
    return out;
  }

  // Commits when a batch is full, so that a crash loses at most one batch.
  // Throws Xapian::Error, as the callers' guarded() expects.
  void commit_full_batch() {
    if (pending >= options.batch_size) {
      db.commit();
      pending = 0;
    }
  }
};

Index::Index(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

Index::~Index() {
  if (!impl_) return;
  // Nothing to report to from a destructor; the last commit stays intact.
  if (impl_->pending > 0) (void)commit();
}

Result<Index> Index::open(const fs::path& root, IndexOptions options) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Status::not_found(root.string(), "no such folder");
  }
  if (Status s = check_index_folders(root); !s.ok()) return s;
  const fs::path dir = index_dir(root);
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error(dir.string(), "cannot create: " + ec.message());
  auto impl = std::make_unique<Impl>();
  impl->root = canonical_root(root);
  impl->options = std::move(options);
  if (impl->options.batch_size == 0) impl->options.batch_size = 1;
  if (impl->options.env == nullptr) impl->options.env = &Env::system();
  // Another writer may be about to finish: wait for it, a bounded time.
  Result<WriterLock> lock = WriterLock::acquire(impl->root, impl->options.lock_wait);
  if (!lock) return lock.error();
  impl->lock.emplace(std::move(*lock));
  return guarded(dir.string(), [&]() -> Result<Index> {
    if (Status s = impl->open_database(); !s.ok()) return s;
    // Left by a writer killed in the middle of a switch.
    remove_stale_generations(impl->root);
    return Index(std::move(impl));
  });
}

Status Index::put(const Note& note) {
  IndexReport unused;
  Result<PreparedNote> prepared = guarded(impl_->subject(), [&]() -> Result<PreparedNote> {
    return Impl::prepare(note, impl_->put_builder);
  });
  if (!prepared) return prepared.error();
  return impl_->store(*prepared, unused);
}

Status Index::remove(const std::string& path) {
  return impl_->atomically([&] {
    impl_->forget_tag_spellings(path);
    impl_->db.delete_document(note_id_term(path));
    impl_->db.set_metadata(record_key(path), "");  // empty removes it
  });
}

Status Index::commit() {
  return guarded(impl_->subject(), [&] {
    impl_->db.commit();
    impl_->pending = 0;
    return Status();
  });
}

IndexStart Index::start() const { return impl_->start; }

Result<std::size_t> Index::note_count() const {
  return guarded(impl_->subject(), [&]() -> Result<std::size_t> {
    return static_cast<std::size_t>(impl_->db.get_doccount());
  });
}

Result<IndexReport> Index::update(const std::vector<std::string>& scope) {
  Result<std::vector<std::string>> asked = normalized_scope(scope);
  if (!asked) return asked.error();
  return guarded(impl_->subject(), [&]() -> Result<IndexReport> {
    IndexReport report;
    const Settings settings = impl_->settings(report);
    impl_->parse_options.file_name_dates = settings.file_name_dates.value;
    const std::string dates_key = encode_file_name_dates(settings.file_name_dates.value);
    const bool dates_changed = impl_->db.get_metadata(kFileNameDatesKey) != dates_key;
    // A generation not yet built to the end (new, or a first build that was
    // stopped), and new date formats, need every note.
    const bool built = !impl_->db.get_metadata(kBuiltKey).empty();
    if (!built || dates_changed) asked = std::vector<std::string>{""};
    std::vector<Diagnostic> problems;
    Result<CrawlResult> files =
        crawl(impl_->root, problems, *impl_->options.env,
              CrawlOptions{.exclude = impl_->excludes(settings), .scope = std::move(*asked)});
    if (!files) return files.error();
    for (const Diagnostic& d : problems) impl_->report(d, report);
    // Only a crawl of everything saw every marker: a narrower one would
    // forget those it did not see.
    if (files->covered == std::vector<std::string>{""}) {
      if (Status s =
              impl_->keep_dialect_markers(settings.link_dialect.value, std::move(files->markers));
          !s.ok()) {
        return s;
      }
    }
    report.scanned = files->notes.size();
    Plan plan = impl_->plan(*files, dates_changed, report);

    // Pass one: every note that reads without repair, read and analysed on
    // the workers, written here in path order.
    IndexProgress progress{0, plan.to_read.size()};
    std::vector<PendingNote> repair_later;
    const unsigned workers = impl_->worker_count(plan.to_read.size());
    std::vector<DocumentBuilder> builders(std::max(1u, workers));
    Status failure;
    bool stopped = false;
    run_ordered(
        plan.to_read.size(), workers, 4 * std::size_t{std::max(1u, workers)},
        [&](std::size_t i, unsigned worker) {
          return impl_->read_and_prepare(plan.to_read[i], builders[worker]);
        },
        [&](std::size_t i, PreparedNote& prepared) {
          if (impl_->stop_requested()) {
            stopped = true;
            return false;
          }
          const PendingNote& file = plan.to_read[i];
          if (prepared.needs_repair) {
            // Repaired in pass two, once every other note is in, so that
            // their words can guide the choice of damaged characters.
            repair_later.push_back(file);
            return true;
          }
          failure = impl_->write_prepared(file, prepared, report);
          ++progress.done;
          impl_->tell(progress);
          return failure.ok();
        });
    if (!failure.ok()) return failure;
    if (stopped) return impl_->stop(report);
    // What was indexed but is no longer on disk, unless it is below a folder
    // that could not be read this time.
    for (const std::string& path : plan.gone) {
      if (at_or_below_any(path, files->unreadable)) continue;
      if (Status s = remove(path); !s.ok()) return s;
      ++report.removed;
      impl_->commit_full_batch();
    }
    if (impl_->pending > 0) {
      if (Status s = commit(); !s.ok()) return s;
    }

    // Pass two: the mojibake notes, with the vocabulary of the index as pass
    // one left it (a read-only snapshot of that commit, so that no repair
    // depends on the order of the others).
    const Xapian::Database after_pass_one =
        repair_later.empty() ? Xapian::Database()
                             : Xapian::Database(database_path(impl_->root).string());
    for (const PendingNote& file : repair_later) {
      if (impl_->stop_requested()) return impl_->stop(report);
      const IndexVocabulary vocabulary(after_pass_one, file.note.path);
      Result<Note> note = read_note_below(impl_->root, file.note.path, vocabulary,
                                          *impl_->options.env, impl_->parse_options);
      PreparedNote prepared = Impl::guarded_prepare(file.note.path, [&] {
        if (!note) {
          PreparedNote failed;
          failed.note = note.error();
          return failed;
        }
        note->mtime_ns = file.note.mtime_ns;
        return Impl::prepare(std::move(*note), builders.front());
      });
      if (Status s = impl_->write_prepared(file, prepared, report); !s.ok()) return s;
      ++progress.done;
      impl_->tell(progress);
    }
    // Kept once every note was read with them, so that an update stopped
    // before reads the rest at the next one.
    if (dates_changed) {
      if (Status s = impl_->atomically([&] { impl_->db.set_metadata(kFileNameDatesKey, dates_key); });
          !s.ok()) {
        return s;
      }
    }
    // Every note of the generation is in it now: later updates may be scoped.
    if (!built) {
      if (Status s = impl_->atomically([&] { impl_->db.set_metadata(kBuiltKey, "1"); });
          !s.ok()) {
        return s;
      }
    }
    // Nothing changed, nothing written: a refresh before every query must
    // not make a new revision, nor wait for the disk.
    if (impl_->pending > 0) {
      if (Status s = commit(); !s.ok()) return s;
    }
    if (impl_->fresh) {
      if (Status s = impl_->compact(); !s.ok()) return s;
    }
    return report;
  });
}

}  // namespace kb
