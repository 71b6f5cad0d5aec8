#include <malloc.h>

#include <snag/util/heap_trimmer.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {

void trim_heap() { malloc_trim(0); }

HeapTrimmer::HeapTrimmer(std::chrono::milliseconds every, std::function<void()> trim)
    : m_every(every), m_trim(std::move(trim)), m_thread([this] { run(); }) {}

HeapTrimmer::~HeapTrimmer() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void HeapTrimmer::run() {
  name_this_thread("snag-heap-trim");
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, m_every, [this] { return m_stopping; })) {
    lock.unlock();
    m_trim();
    lock.lock();
  }
}

}  // namespace snag
