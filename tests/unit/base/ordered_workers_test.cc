// Tests for base/ordered_workers.h: results in order, a bounded window,
// early stops and exceptions.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "base/ordered_workers.h"

namespace {

// A delay that differs from item to item, so that workers finish out of
// order.
void uneven_pause(std::size_t i) {
  std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 500));
}

}  // namespace

TEST_CASE("run_ordered hands every result over once, in order", "[ordered_workers]") {
  for (unsigned workers : {0u, 1u, 2u, 5u}) {
    CAPTURE(workers);
    std::vector<std::size_t> seen;
    std::atomic<unsigned> wrong_worker{0};
    kb::run_ordered(
        200, workers, 8,
        [&](std::size_t i, unsigned worker) {
          if (worker >= std::max(1u, workers)) ++wrong_worker;
          uneven_pause(i);
          return std::to_string(i);
        },
        [&](std::size_t i, std::string& value) {
          CHECK(value == std::to_string(i));
          seen.push_back(i);
          return true;
        });
    REQUIRE(seen.size() == 200);
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i);
    CHECK(wrong_worker == 0);
  }
}

TEST_CASE("run_ordered never runs more than the window ahead of the consumer",
          "[ordered_workers]") {
  const std::size_t window = 6;
  std::atomic<std::size_t> consumed{0};
  std::atomic<std::size_t> furthest_ahead{0};
  kb::run_ordered(
      300, 4, window,
      [&](std::size_t i, unsigned) {
        const std::size_t ahead = i - consumed.load();
        std::size_t seen = furthest_ahead.load();
        while (ahead > seen && !furthest_ahead.compare_exchange_weak(seen, ahead)) {
        }
        return i;
      },
      [&](std::size_t i, std::size_t&) {
        consumed = i + 1;
        uneven_pause(i);
        return true;
      });
  CHECK(consumed == 300);
  CHECK(furthest_ahead <= window);
}

TEST_CASE("run_ordered stops producing when the consumer says so", "[ordered_workers]") {
  std::atomic<std::size_t> produced{0};
  std::size_t last = 0;
  kb::run_ordered(
      10000, 3, 9,
      [&](std::size_t i, unsigned) {
        ++produced;
        return i;
      },
      [&](std::size_t i, std::size_t&) {
        last = i;
        return i < 20;
      });
  CHECK(last == 20);
  // What was started before the stop, and no more: the window and the
  // workers bound it.
  CHECK(produced <= 21 + 9 + 3);
}

TEST_CASE("run_ordered passes the consumer's exception on, after the workers stop",
          "[ordered_workers]") {
  std::atomic<bool> producing_after_return{false};
  std::atomic<bool> returned{false};
  CHECK_THROWS_WITH(kb::run_ordered(
                        1000, 2, 4,
                        [&](std::size_t i, unsigned) {
                          if (returned) producing_after_return = true;
                          return i;
                        },
                        [&](std::size_t i, std::size_t&) -> bool {
                          if (i == 50) throw std::runtime_error("disk full");
                          return true;
                        }),
                    "disk full");
  returned = true;
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_FALSE(producing_after_return);
}
