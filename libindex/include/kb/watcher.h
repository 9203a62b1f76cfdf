// watch(): keeps the index of a knowledge base in line with its files while
// they change, through Linux inotify.
//
// It brings the index up to date, then waits for changes in the folders
// the crawler walks (kb/crawler.h: hidden folders and the index folder
// never), and after each burst of changes runs Index::update(), which
// compares every note's stamp with the index. A whole update per burst
// instead of per-file bookkeeping is what makes editors' atomic saves
// (write a temporary file, rename it over the note), renames, deletes and
// folder moves come out right without tracking event pairs: the crawl
// decides, the events only say when to look.
//
// The index is opened for each update and closed after it, so that between
// updates other writers (`kbsearch index`, the refresh before each query)
// work as if no watch ran; an update that finds the index busy waits
// IndexOptions::lock_wait, then is retried later.
#ifndef KB_WATCHER_H_
#define KB_WATCHER_H_

#include <chrono>
#include <filesystem>
#include <functional>

#include "kb/index.h"
#include "kb/status.h"

namespace kb {

struct WatchOptions {
  // The options of each update. Its stop_requested also ends the watch: it
  // is asked at least every 100 ms while the watch waits for changes or
  // for another writer (up to lock_wait), and between two notes during an
  // update (which then commits what it did). Its env must
  // be the operating system's (the default), since inotify watches the
  // disk. Its on_diagnostic and on_progress are called for each update.
  IndexOptions index;
  // An update starts once no change has come for `quiet`, or at the latest
  // `max_delay` after the first change of a burst, so that a folder copied
  // in for minutes is still seen while it comes. Defaults: 200 ms, 1 s.
  std::chrono::milliseconds quiet{200};
  std::chrono::milliseconds max_delay{1000};
  // Called after each update that succeeded, the first one included, with
  // what it did. Default: none.
  std::function<void(const IndexReport&)> on_update;
  // Called for each problem that does not end the watch: folders that
  // cannot be watched (the inotify limit fs.inotify.max_user_watches, or
  // permissions; changes there are then found by a full update every 30 s),
  // an update retried because the index was busy (kLocked), a full update
  // after the kernel dropped events. Default: none.
  std::function<void(const Status&)> on_warning;
};

// Watches the knowledge base at `root` until options.index.stop_requested
// returns true (without one, until an error), then returns OK; what was
// updated is committed.
//
// Blocks the calling thread; every callback runs on it and must not throw
// (an exception ends the watch with kInternal). Holds an inotify instance
// for the duration, and the index's write lock only during updates. Any
// number of watches, Searchers and writers may run on the same knowledge
// base at once.
//
// Errors end the watch: kInvalidArgument when options.index.env is not the
// operating system's, kNotFound when `root` is not a folder or is deleted
// or moved away while watched, kIOError when inotify cannot be set up (the
// message names the limit fs.inotify.max_user_instances when that is the
// cause), and any error of Index::open() or Index::update() other than
// kLocked (a damaged index, an unreadable root, a failed write).
Status watch(const std::filesystem::path& root, WatchOptions options);

}  // namespace kb

#endif  // KB_WATCHER_H_
