#pragma once
// Hands the heap's free memory back to the operating system every so often. glibc's allocator
// keeps what a burst freed (an export's pages, a report's rows, a load peak's buffers) in its
// arenas for reuse, so without this a server's RSS stays near its highest point: after the
// benchmark at a million tickets, about 35 MB of the RSS was such free memory (README
// "Benchmark"). A trim takes a few milliseconds and briefly holds each arena's lock.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace snag {

// malloc_trim(0): returns the free memory at the top of each arena and the free pages inside it.
void trim_heap();

class HeapTrimmer {
 public:
  // Calls `trim` every `every` on a thread of its own, from the first period on.
  explicit HeapTrimmer(std::chrono::milliseconds every, std::function<void()> trim = trim_heap);
  // Stops the thread (without a last trim) and waits for it.
  ~HeapTrimmer();
  HeapTrimmer(const HeapTrimmer&) = delete;
  HeapTrimmer& operator=(const HeapTrimmer&) = delete;

 private:
  void run();

  std::chrono::milliseconds m_every;
  std::function<void()> m_trim;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace snag
