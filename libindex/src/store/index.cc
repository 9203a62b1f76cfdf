#include "kb/index.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <system_error>

#include "base/root_paths.h"
#include "store/document_builder.h"
#include "store/index_schema.h"
#include "store/catalog.h"
#include "store/note_record.h"
#include "store/tag_spellings.h"
#include "kb/crawler.h"
#include "kb/note_parser.h"
#include "note/note_reader.h"
#include "store/term_prefixes.h"
#include "store/writer_identity.h"
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

// True when `path` is `folder` or below it, for any of `folders` ("" is
// the root, above everything).
bool below_any(const std::string& path, const std::vector<std::string>& folders) {
  for (const std::string& folder : folders) {
    if (folder.empty() || path == folder || path.rfind(folder + "/", 0) == 0) return true;
  }
  return false;
}

}  // namespace

namespace {

// A note update() reads, and whether the index had it before.
struct PendingNote {
  NoteFile note;
  bool is_new = false;
  // Unchanged on disk, read again to repair it with the others' new words:
  // counted as unchanged, its problems already reported when it changed.
  bool repair_again = false;
};

struct Plan {
  std::vector<PendingNote> to_read;  // new and changed notes, by path
  std::vector<std::string> gone;     // indexed, no longer found
};

}  // namespace

struct Index::Impl {
  fs::path root;
  IndexOptions options;
  Xapian::WritableDatabase db;
  DocumentBuilder builder;
  std::size_t pending = 0;  // changes since the last commit
  bool recounting = false;  // tag counts cleared for a schema rebuild

  std::string subject() const { return index_dir(root).string(); }

  void report(const Diagnostic& d, IndexReport& report) {
    ++report.diagnostics;
    if (options.on_diagnostic) options.on_diagnostic(d);
  }

  // Stamp of each indexed note, by path.
  std::map<std::string, std::string> indexed_stamps() {
    // Value streams read one slot for all notes without loading documents.
    std::map<Xapian::docid, std::string> stamp_of;
    for (auto it = db.valuestream_begin(slot::kFileStamp);
         it != db.valuestream_end(slot::kFileStamp); ++it) {
      stamp_of[it.get_docid()] = *it;
    }
    std::map<std::string, std::string> stamps;
    for (auto it = db.valuestream_begin(slot::kPath);
         it != db.valuestream_end(slot::kPath); ++it) {
      stamps[*it] = stamp_of[it.get_docid()];
    }
    return stamps;
  }

  // Index::put(), counting a record too large to store in `tally`.
  //
  // Everything that can fail on the note's own account (building the
  // document, encoding the record) happens before the index is touched.
  // The record is written before the document: should the document then
  // fail, the index still holds the old document with the old file stamp,
  // so the next update() reads the note again; it never holds a document
  // without its record.
  Status put(const Note& note, IndexReport& tally) {
    return guarded(subject(), [&] {
      Xapian::Document doc = builder.build(note);
      std::string record = encode_note_record(note);
      if (record.size() > kMaxRecordBytes) {
        record = encode_note_record(minimal_record(note));
        report(Diagnostic{note.path, 0,
                                "too large to keep its text in the index (" +
                                    std::to_string(record.size() >> 20) +
                                    " MiB without it): found by its words, shown without "
                                    "a snippet"},
                     tally);
      }
      forget_tag_spellings(note.path);
      db.set_metadata(record_key(note.path), record);
      db.replace_document(note_id_term(note.path), doc);
      count_tag_spellings(db, note.tag_names(), +1);
      ++pending;
      return Status();
    });
  }

  bool stop_requested() const { return options.stop_requested && options.stop_requested(); }

  void tell(const IndexProgress& progress) const {
    if (options.on_progress) options.on_progress(progress);
  }

  // What update() has to do, decided from the crawl and the file stamps
  // before anything is read: notes too large are reported and left out,
  // unchanged ones counted.
  Plan plan(const CrawlResult& files, bool schema_current, IndexReport& report) {
    std::map<std::string, std::string> stamps = indexed_stamps();
    const std::set<std::string> repaired = repaired_paths();
    std::vector<PendingNote> unchanged_repaired;
    Plan out;
    for (const NoteFile& file : files.notes) {
      if (file.size > options.max_note_bytes) {
        // Not read, and not kept: what the index held for it goes as gone.
        this->report(Diagnostic{file.path, 0,
                                "larger than " + std::to_string(options.max_note_bytes >> 20) +
                                    " MiB (" + std::to_string(file.size >> 20) +
                                    " MiB): not indexed"},
                     report);
        continue;
      }
      auto known = stamps.find(file.path);
      const bool is_new = known == stamps.end();
      if (!is_new) {
        // An index built with another schema is rebuilt note by note.
        const bool same =
            schema_current && known->second == file_stamp(file.mtime_ns, file.size);
        stamps.erase(known);
        if (same) {
          ++report.unchanged;
          if (repaired.count(file.path) != 0) {
            unchanged_repaired.push_back(PendingNote{file, false, true});
          }
          continue;
        }
      }
      out.to_read.push_back(PendingNote{file, is_new});
    }
    for (const auto& [path, stamp] : stamps) out.gone.push_back(path);
    // A mojibake note's repair follows the other notes' words: when they
    // change, it is repaired again, as a rebuild would.
    if (!out.to_read.empty() || !out.gone.empty()) {
      out.to_read.insert(out.to_read.end(), unchanged_repaired.begin(), unchanged_repaired.end());
      std::sort(out.to_read.begin(), out.to_read.end(),
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

  // Indexes `note`, as read for `file`; a note that could not be read is
  // reported and counted, and what the index held for it stays.
  Status index_read_note(const PendingNote& file, Result<Note> note, IndexReport& tally) {
    if (!note) {
      ++tally.failed;
      report(Diagnostic{file.note.path, 0, note.error().message()}, tally);
      return Status();
    }
    note->mtime_ns = file.note.mtime_ns;
    if (!file.repair_again) {
      for (const Diagnostic& d : note->diagnostics) report(d, tally);
    }
    if (Status s = put(*note, tally); !s.ok()) return s;
    if (!file.repair_again) ++(file.is_new ? tally.added : tally.updated);
    commit_full_batch();
    return Status();
  }

  // Ends update() early: commits what is done (not the removal of notes
  // not yet seen, which may only be unvisited). Throws Xapian::Error.
  IndexReport stop(IndexReport report) {
    recounting = false;
    db.commit();
    pending = 0;
    report.stopped = true;
    return report;
  }

  // Takes the tag spellings of the indexed version of the note at `path`
  // out of the counts, before it is replaced or removed. A record that
  // cannot be read counts as no tags (a rebuild corrects the counts).
  void forget_tag_spellings(const std::string& path) {
    if (recounting) return;  // the counts were cleared
    Result<Note> old = read_record(db, path, /*with_blocks=*/false);
    if (old) count_tag_spellings(db, old->tag_names(), -1);
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
  forget_writer(impl_->root);
}

Result<Index> Index::open(const fs::path& root, IndexOptions options) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Status::not_found(root.string(), "no such folder");
  }
  if (Status s = check_index_folders(root); !s.ok()) return s;
  const fs::path dir = index_dir(root);
  if (options.rebuild) {
    // Never under a running writer: it would go on writing to files that
    // are gone. A database too damaged to open has no writer to ask.
    Result<bool> busy = guarded(dir.string(), [&]() -> Result<bool> {
      return Xapian::Database(database_dir(root).string()).locked();
    });
    if (busy && *busy) {
      return Status::locked(dir.string(), "the index is being written by another process");
    }
    fs::remove_all(database_dir(root), ec);
    if (ec) return Status::io_error(database_dir(root).string(), "cannot remove: " + ec.message());
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error(dir.string(), "cannot create: " + ec.message());
  auto impl = std::make_unique<Impl>();
  impl->root = canonical_root(root);
  impl->options = std::move(options);
  if (impl->options.batch_size == 0) impl->options.batch_size = 1;
  if (impl->options.env == nullptr) impl->options.env = &Env::system();
  return guarded(dir.string(), [&]() -> Result<Index> {
    int flags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS;
    if (!impl->options.durable) flags |= Xapian::DB_NO_SYNC;
    // Another writer may be about to finish: wait for it, a bounded time.
    const auto deadline = std::chrono::steady_clock::now() + impl->options.lock_wait;
    while (true) {
      try {
        impl->db = Xapian::WritableDatabase(database_dir(root).string(), flags);
        break;
      } catch (const Xapian::DatabaseLockError& e) {
        if (e.get_msg().find("already locked") == std::string::npos) throw;
        if (std::chrono::steady_clock::now() >= deadline) {
          const std::string who = describe_writer(root);
          return Status::locked(dir.string(), "the index is being written by another process" +
                                                  (who.empty() ? "" : " (" + who + ")"));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    record_writer(impl->root);
    // A new index is of the current schema from the start; an old one only
    // once update() has re-read every note.
    if (impl->db.get_doccount() == 0) {
      impl->db.set_metadata(schema::kKey, schema::kVersion);
      impl->db.commit();
    }
    return Index(std::move(impl));
  });
}

Status Index::put(const Note& note) {
  IndexReport unused;
  return impl_->put(note, unused);
}

Status Index::remove(const std::string& path) {
  return guarded(impl_->subject(), [&] {
    impl_->forget_tag_spellings(path);
    impl_->db.delete_document(note_id_term(path));
    impl_->db.set_metadata(record_key(path), "");  // empty removes it
    ++impl_->pending;
    return Status();
  });
}

Status Index::commit() {
  return guarded(impl_->subject(), [&] {
    impl_->db.commit();
    impl_->pending = 0;
    return Status();
  });
}

Result<std::size_t> Index::note_count() const {
  return guarded(impl_->subject(), [&]() -> Result<std::size_t> {
    return static_cast<std::size_t>(impl_->db.get_doccount());
  });
}

Result<IndexReport> Index::update() {
  return guarded(impl_->subject(), [&]() -> Result<IndexReport> {
    IndexReport report;
    std::vector<Diagnostic> problems;
    Result<CrawlResult> files = crawl(impl_->root, problems, *impl_->options.env);
    if (!files) return files.error();
    for (const Diagnostic& d : problems) impl_->report(d, report);
    report.scanned = files->notes.size();
    const bool schema_current = impl_->db.get_metadata(schema::kKey) == schema::kVersion;
    Plan plan = impl_->plan(*files, schema_current, report);
    // Another schema: every note is read again, and its tags counted anew.
    impl_->recounting = !schema_current;
    if (impl_->recounting) clear_tag_spellings(impl_->db);

    // Pass one: every note that reads without repair.
    IndexProgress progress{0, plan.to_read.size()};
    std::vector<PendingNote> repair_later;
    for (const PendingNote& file : plan.to_read) {
      if (impl_->stop_requested()) return impl_->stop(report);
      Result<Note> note = read_note_below(impl_->root, file.note.path, Vocabulary::none(),
                                    *impl_->options.env);
      if (note && !note->repaired.empty()) {
        // Repaired in pass two, once every other note is in, so that their
        // words can guide the choice of damaged characters.
        repair_later.push_back(file);
        continue;
      }
      if (Status s = impl_->index_read_note(file, std::move(note), report); !s.ok()) return s;
      ++progress.done;
      impl_->tell(progress);
    }
    // What was indexed but is no longer on disk, unless it is below a folder
    // that could not be read this time.
    for (const std::string& path : plan.gone) {
      if (below_any(path, files->unreadable)) continue;
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
                             : Xapian::Database(database_dir(impl_->root).string());
    for (const PendingNote& file : repair_later) {
      if (impl_->stop_requested()) return impl_->stop(report);
      const IndexVocabulary vocabulary(after_pass_one, file.note.path);
      Result<Note> note =
          read_note_below(impl_->root, file.note.path, vocabulary, *impl_->options.env);
      if (Status s = impl_->index_read_note(file, std::move(note), report); !s.ok()) return s;
      ++progress.done;
      impl_->tell(progress);
    }
    if (!schema_current) impl_->db.set_metadata(schema::kKey, schema::kVersion);
    // Nothing changed, nothing written: a refresh before every query must
    // not make a new revision, nor wait for the disk.
    if (impl_->pending > 0 || !schema_current) {
      if (Status s = commit(); !s.ok()) return s;
    }
    impl_->recounting = false;
    return report;
  });
}

}  // namespace kb
