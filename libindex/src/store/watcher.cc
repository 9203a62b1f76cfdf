#include "kb/watcher.h"

#include <algorithm>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "base/root_paths.h"
#include "base/xapian_error.h"
#include "kb/crawler.h"
#include "store/folder_watches.h"

namespace kb {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// The longest wait between two looks at stop_requested.
constexpr std::chrono::milliseconds kStopPoll{100};
// How long after an update found the index busy it is tried again.
constexpr std::chrono::seconds kRetryBusy{1};
// How often everything is updated while some folders cannot be watched.
constexpr std::chrono::seconds kUnwatchedRescan{30};

class Watch {
 public:
  Watch(fs::path root, WatchOptions options, FolderWatches watches)
      : root_(std::move(root)), options_(std::move(options)), watches_(std::move(watches)) {}

  Status run() {
    // Watches first, then the update: a change made while it runs is seen.
    changed(Clock::now(), Clock::duration::zero());
    rescan_ = true;
    while (!stop_requested()) {
      const Clock::time_point now = Clock::now();
      if (first_change_ && now >= due_) {
        if (Status s = update(); !s.ok()) return s;
        continue;
      }
      Result<FolderChanges> changes = watches_.wait(wait_time(now));
      if (!changes) return changes.error();
      if (changes->root_gone) {
        return Status::not_found(root_.string(),
                                 "the knowledge base folder was deleted or moved away");
      }
      if (changes->overflow) {
        warn(Status::io_error(root_.string(),
                              "the kernel dropped change events (more than "
                              "fs.inotify.max_queued_events at once): updating everything"));
      }
      if (changes->folders || changes->overflow) rescan_ = true;
      if (changes->any()) changed(Clock::now(), options_.quiet);
      if (!first_change_ && unwatched_ > 0 && Clock::now() >= next_full_update_) {
        changed(Clock::now(), Clock::duration::zero());
      }
    }
    return Status();
  }

 private:
  bool stop_requested() const {
    return options_.index.stop_requested && options_.index.stop_requested();
  }

  void warn(const Status& status) const {
    if (options_.on_warning) options_.on_warning(status);
  }

  // A change at `now`: the update is due after `quiet` more of quiet, but
  // no later than max_delay after the first change it has not seen.
  void changed(Clock::time_point now, Clock::duration quiet) {
    if (!first_change_) first_change_ = now;
    due_ = std::min(now + quiet, *first_change_ + options_.max_delay);
  }

  // Until the update is due, or the next look at stop_requested.
  std::chrono::milliseconds wait_time(Clock::time_point now) const {
    if (!first_change_) return kStopPoll;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(due_ - now);
    return std::clamp(left, std::chrono::milliseconds(0), kStopPoll);
  }

  // Watches the folders the crawler walks now: new ones (whose notes the
  // update after this finds, even those written before the watch), moved
  // ones under their new paths; gone ones are dropped.
  Status watch_crawled_folders() {
    std::vector<Diagnostic> problems;  // the update's own crawl reports them
    Result<CrawlResult> crawled = crawl(root_, problems);
    if (!crawled) return crawled.error();
    Unwatched unwatched = watches_.watch_exactly(crawled->folders);
    if (unwatched.count > 0 && unwatched.count != unwatched_) warn(unwatched.why);
    unwatched_ = unwatched.count;
    return Status();
  }

  // Index::open(), waiting for another writer up to lock_wait, as it does,
  // but looking at stop_requested meanwhile.
  Result<Index> open_index() const {
    IndexOptions without_wait = options_.index;
    without_wait.lock_wait = std::chrono::milliseconds(0);
    const Clock::time_point deadline = Clock::now() + options_.index.lock_wait;
    while (true) {
      Result<Index> index = Index::open(root_, without_wait);
      if (index || index.error().code() != Code::kLocked || Clock::now() >= deadline ||
          stop_requested()) {
        return index;
      }
      std::this_thread::sleep_for(kStopPoll);
    }
  }

  // Brings the index in line with the files. The events read so far are
  // answered by it; those that come while it runs stay queued for the next.
  Status update() {
    first_change_.reset();
    if (rescan_) {
      rescan_ = false;
      if (Status s = watch_crawled_folders(); !s.ok()) return s;
    }
    next_full_update_ = Clock::now() + kUnwatchedRescan;
    Result<IndexReport> report = [&]() -> Result<IndexReport> {
      // Opened for this update only, so that others can write in between.
      Result<Index> index = open_index();
      if (!index) return index.error();
      return index->update();
    }();
    if (!report) {
      if (report.error().code() != Code::kLocked) return report.error();
      if (!stop_requested()) warn(report.error());
      changed(Clock::now(), kRetryBusy);
      return Status();
    }
    if (!report->stopped && options_.on_update) options_.on_update(*report);
    return Status();
  }

  fs::path root_;
  WatchOptions options_;
  FolderWatches watches_;
  std::optional<Clock::time_point> first_change_;  // of changes no update has seen
  Clock::time_point due_;
  bool rescan_ = false;          // the set of folders may have changed
  std::size_t unwatched_ = 0;    // folders that could not be watched
  Clock::time_point next_full_update_ = Clock::time_point::max();
};

}  // namespace

Status watch(const fs::path& root, WatchOptions options) {
  return guarded(root.string(), [&]() -> Status {
    if (options.index.env != &Env::system()) {
      return Status::invalid_argument(root.string(),
                                      "a watch needs the operating system's files (Env::system())");
    }
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return Status::not_found(root.string(), "no such folder");
    const fs::path real_root = canonical_root(root);
    Result<FolderWatches> watches = FolderWatches::open(real_root);
    if (!watches) return watches.error();
    Watch watch(real_root, std::move(options), std::move(*watches));
    return watch.run();
  });
}

}  // namespace kb
