// Ordered workers: runs produce(i, worker) for i in [0, count) on worker
// threads and hands each result to consume(i, result) on the calling
// thread, in order of i. The index uses it so that notes are read and
// analysed on every core while one thread writes them, in the same order as
// a serial run.
#ifndef KB_SRC_BASE_ORDERED_WORKERS_H_
#define KB_SRC_BASE_ORDERED_WORKERS_H_

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace kb {

// At most `window` results wait for the consumer at any time, so memory is
// bounded by the window rather than by `count`. `produce` runs on up to
// `workers` threads at once, `worker` in [0, workers) telling which (for
// state of its own), and must not throw. `consume` returns false to stop
// early: no further produce() call starts, and those running finish and
// are dropped. An exception from
// `consume` stops the workers and is rethrown. With `workers` == 0 both
// run on the calling thread.
template <typename Produce, typename Consume>
void run_ordered(std::size_t count, unsigned workers, std::size_t window, Produce produce,
                 Consume consume) {
  using Value = decltype(produce(std::size_t{0}, 0u));
  if (workers == 0) {
    for (std::size_t i = 0; i < count; ++i) {
      Value value = produce(i, 0u);
      if (!consume(i, value)) return;
    }
    return;
  }
  if (window < workers) window = workers;

  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, Value> ready;
  std::size_t next_to_start = 0;
  std::size_t next_to_consume = 0;
  bool stopping = false;

  auto work = [&](unsigned worker) {
    while (true) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] {
          return stopping || next_to_start >= count || next_to_start < next_to_consume + window;
        });
        if (stopping || next_to_start >= count) return;
        i = next_to_start++;
      }
      Value value = produce(i, worker);
      {
        std::lock_guard lock(mutex);
        ready.emplace(i, std::move(value));
      }
      changed.notify_all();
    }
  };

  // Joins the workers however the consumer leaves, exceptions included.
  struct Crew {
    std::vector<std::thread> threads;
    std::mutex& mutex;
    std::condition_variable& changed;
    bool& stopping;
    ~Crew() {
      {
        std::lock_guard lock(mutex);
        stopping = true;
      }
      changed.notify_all();
      for (std::thread& t : threads) t.join();
    }
  } crew{{}, mutex, changed, stopping};
  for (unsigned w = 0; w < workers; ++w) crew.threads.emplace_back(work, w);

  for (std::size_t i = 0; i < count; ++i) {
    std::optional<Value> value;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return ready.count(i) > 0; });
      auto it = ready.find(i);
      value.emplace(std::move(it->second));
      ready.erase(it);
      next_to_consume = i + 1;
    }
    changed.notify_all();
    if (!consume(i, *value)) return;
  }
}

}  // namespace kb

#endif  // KB_SRC_BASE_ORDERED_WORKERS_H_
