// Index: the on-disk search index of one knowledge base.
//
// The index lives in `<root>/.kbsearch/`. Only one process may hold an Index
// open at a time (kLocked otherwise, after IndexOptions::lock_wait); the
// lock is the kernel's, so a writer killed at any moment leaves none. Any
// number of Searchers may read while it writes, and they see the state of
// the last commit. A first build, a rebuild and a build after an upgrade go
// into a new database that replaces the old one at once, compacted, when
// the build completes (a Searcher or LinkGraph opened before moves to it at
// its next query).
#ifndef KB_INDEX_H_
#define KB_INDEX_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kb/diagnostic.h"
#include "kb/env.h"
#include "kb/note.h"
#include "kb/settings.h"
#include "kb/status.h"

namespace kb {

// How far update() is: notes read so far of those it has to read (new or
// changed; unchanged notes are not counted).
struct IndexProgress {
  std::size_t done = 0;
  std::size_t total = 0;
};

struct IndexOptions {
  // Flush every commit to disk. Tests turn it off for speed.
  // Default: true.
  bool durable = true;
  // How long open() waits for another writer to finish before it returns
  // kLocked, naming that process. Default: 0 (no wait).
  std::chrono::milliseconds lock_wait{0};
  // Start over: the index database is deleted when the Index opens, and
  // update() builds it anew. For an index that cannot be opened any more.
  // Default: false.
  bool rebuild = false;
  // Notes written between two commits during update().
  // Default: 500 (see ../shared/notes/toolchain.md §5 for why it is small).
  std::size_t batch_size = 500;
  // Threads that read and analyse notes during update(), while the calling
  // thread writes them to the index. Default: 0, one per core.
  unsigned threads = 0;
  // Notes larger than this many bytes are not indexed, with a warning: a
  // Markdown file of that size is a data dump, and reading it whole would
  // cost memory out of proportion. Default: 16 MiB.
  std::uint64_t max_note_bytes = 16u << 20;
  // Called for each problem with an input file, as soon as it is found, on
  // the thread that runs update(). It should not throw: an exception ends
  // update() with kInternal (what was committed stays).
  // Default: none (problems are still counted in the report).
  std::function<void(const Diagnostic&)> on_diagnostic;
  // Called after each note read, on the thread that runs update(), for a
  // progress bar. Must be cheap and must not throw. Default: none.
  std::function<void(const IndexProgress&)> on_progress;
  // Asked between two notes; when it returns true, update() commits what
  // it has done and returns with IndexReport::stopped (for SIGINT). Must be
  // cheap and must not throw. Default: none (never stop).
  std::function<bool()> stop_requested;
  // More patterns of notes and folders to leave out, in gitignore syntax
  // (kb/crawler.h, CrawlOptions::exclude). A note indexed before and
  // excluded now is dropped from the index. Default: none.
  std::vector<std::string> exclude;
  // The settings (kb/settings.h) that shape the index: Settings::exclude
  // (before `exclude`), link_dialect and file_name_dates; the others are
  // not the index's. Default: nullopt, which reads `.kbsearch.toml` at the
  // root at every update() (no user config), its problems reported
  // through on_diagnostic. A program that reads the user config too, and
  // lays flags over it, passes what it merged.
  std::optional<Settings> settings;
  // How the knowledge base's files are read (kb/env.h); must outlive the
  // Index. The index folder itself is always on disk.
  // Default: the operating system's files.
  const Env* env = &Env::system();
};

// What update() did.
struct IndexReport {
  std::size_t scanned = 0;    // notes found on disk (in the scope)
  std::size_t added = 0;      // new notes indexed
  std::size_t updated = 0;    // changed notes re-indexed
  std::size_t removed = 0;    // notes gone from disk, dropped from the index
  std::size_t unchanged = 0;  // notes skipped because mtime and size match
  std::size_t failed = 0;     // notes that could not be read at all
  std::size_t diagnostics = 0;  // problems reported through on_diagnostic
  // update() stopped early because IndexOptions::stop_requested said so;
  // what it had done is committed, and the next update() goes on from there.
  bool stopped = false;
};

// Where update() starts from, as Index::open() found the index.
enum class IndexStart {
  kIncremental,  // an index of this version: changed notes are read
  kNew,          // no index yet: every note is read
  kRebuild,      // IndexOptions::rebuild: every note is read
  kOtherSchema,  // built by another version of kbsearch: built anew
};

// The folder that holds the index of the knowledge base at `root`. Pure
// functions of their argument, thread-safe, as find_root_above() is (it
// only reads the disk).
std::filesystem::path index_dir(const std::filesystem::path& root);

// The nearest folder at or above `start` that holds an index folder, or an
// empty path when there is none.
std::filesystem::path find_root_above(const std::filesystem::path& start);

// An Index is used by one thread at a time: its calls are not
// synchronised with each other (update() runs worker threads of its own,
// and calls every callback on the thread that called it). Other threads
// and processes read the index through their own Searcher or LinkGraph.
class Index {
 public:
  // Opens the index of the knowledge base at `root`, creating `.kbsearch/`
  // when it does not exist. Returns kNotFound when `root` is not a folder,
  // kInvalidArgument when `.kbsearch` (or its database folder) is a
  // symbolic link, which would put the index outside the knowledge base,
  // kLocked when another process is still writing after
  // IndexOptions::lock_wait (the message names it), kVersionMismatch or kCorruption
  // when the index cannot be used, kIOError when it cannot be created.
  static Result<Index> open(const std::filesystem::path& root,
                            IndexOptions options = {});

  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;
  ~Index();  // commits pending changes; errors there are lost, call commit()

  // Brings the index in line with the files under the root: indexes new and
  // changed notes, drops notes that are gone, and commits every batch_size
  // notes so that a crash loses at most one batch. A note is read when its
  // mtime or size changed; one whose bytes hash as before only gets its new
  // stamp. Notes are read and analysed on IndexOptions::threads workers and
  // written here, in path order. A note that cannot be read is reported and
  // skipped, and what the index already held for it stays.
  //
  // Two passes, because parsing a mojibake note needs the knowledge base's
  // vocabulary (kb/vocabulary.h): the first indexes every note that reads
  // without repair and commits; the second parses the mojibake notes again
  // with the vocabulary of the index as the first pass left it (without
  // the note's own old entry) and indexes them.
  //
  // A repaired (mojibake) note is repaired again, with the others' words of
  // now, whenever another note changed, so that an index kept up to date
  // holds what a rebuild would; it still counts as unchanged, and its
  // problems are not reported again.
  //
  // It also keeps the link-dialect markers the crawl found, after the
  // setting (IndexOptions::settings; a bad file or value is reported
  // through on_diagnostic, naming the file), so that the LinkGraph reads
  // each note's links in its dialect; a changed marker or setting is
  // written though no note changed. Changed file-name date formats read
  // every note again; changed excludes drop or add the notes they cover.
  //
  // Returns early, with IndexReport::stopped, when stop_requested says so.
  // A note that grew past max_note_bytes is dropped from the index. When
  // nothing changed, nothing is written (no commit). The first update() of
  // a new database (start() is not kIncremental) ends by compacting it,
  // which also flushes it to disk: until then it is written without fsync.
  // Stopped before that, the next Index goes on incrementally.
  //
  // With a `scope`, only the notes at or below its paths are read, added,
  // updated or removed, for a program that knows what changed (an editor's
  // save hook, a git hook): each entry is '/'-separated and relative to the
  // root, a note file or a folder ("", or an empty `scope`, is everything).
  // The notes elsewhere are not looked at, not even stat'ed: nothing is
  // listed but the folders below a folder of the scope, nor stat'ed but the
  // folders on the way down, whose ignore files are read. What is a note
  // and what is done with it follows the rules of a whole update (ignore
  // files, excludes, hidden names, links that stay inside the root,
  // max_note_bytes, mojibake repair, diagnostics, stop_requested, batches).
  // A note indexed at or below an entry and no longer there (an entry that
  // does not exist is such a path) is removed. An entry that names a hidden
  // or ignored file or folder, something that is not a note, or a link that
  // leads outside the root or loops, is reported through on_diagnostic and
  // does nothing else. What only a crawl of everything can know is left as it
  // is: the link-dialect markers and setting, and the repairs of mojibake
  // notes outside the scope, until the next whole update. A scoped update
  // does the whole update instead when the index is being built (start()
  // is not kIncremental and no update() has completed yet) or the
  // file-name date formats changed, so that the index is never left half
  // built. IndexReport::scanned then counts the notes found in the scope.
  // kInvalidArgument, naming the entry, for one that is absolute or has an
  // empty, "." or ".." part (CrawlOptions::scope in kb/crawler.h).
  Result<IndexReport> update(const std::vector<std::string>& scope = {});

  // Adds or replaces `note` (keyed by note.path). Takes effect at commit().
  // A note whose record would pass 256 MiB is stored without its text (it
  // is found by its words but shown without a snippet), with a warning.
  // All or nothing: when it fails (kIOError: the disk is full), every
  // change since the last commit is dropped, so that no half-stored note
  // is ever committed; the index stays as the last commit left it.
  Status put(const Note& note);
  // Drops the note at `path`; not an error when it is not indexed. All or
  // nothing, as put().
  Status remove(const std::string& path);
  // Makes every change so far visible to readers, atomically.
  Status commit();

  // Whether update() builds the index from nothing, and why: for a program
  // to say so before a long first build. Thread: as the Index.
  IndexStart start() const;

  // Number of notes in the index, committed or not.
  Result<std::size_t> note_count() const;

 private:
  struct Impl;
  explicit Index(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb

#endif  // KB_INDEX_H_
