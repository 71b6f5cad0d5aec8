// HeapTrimmer: trims again and again at its period, and stops at once when destroyed, however
// long its period.

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include <snag/util/heap_trimmer.hpp>

namespace snag {
namespace heap_trimmer_test {

using namespace std::chrono_literals;

TEST(HeapTrimmer, TrimsEveryPeriodUntilDestroyed) {
  std::atomic<int> trims{0};
  {
    HeapTrimmer trimmer(5ms, [&] { ++trims; });
    for (int waited = 0; trims.load() < 3 && waited < 5000; ++waited) std::this_thread::sleep_for(1ms);
  }
  const int at_stop = trims.load();
  EXPECT_GE(at_stop, 3);
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(trims.load(), at_stop) << "no trim after the trimmer is gone";
}

TEST(HeapTrimmer, ALongPeriodDoesNotHoldUpTheStop) {
  std::atomic<int> trims{0};
  const auto started = std::chrono::steady_clock::now();
  {
    HeapTrimmer trimmer(std::chrono::hours(1), [&] { ++trims; });
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1min) << "the destructor waited out the period";
  EXPECT_EQ(trims.load(), 0) << "the first trim comes after one period";
}

TEST(HeapTrimmer, TheRealTrimRuns) { trim_heap(); }

}  // namespace heap_trimmer_test
}  // namespace snag
