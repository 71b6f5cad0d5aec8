#pragma once
// Periodic work that must run on exactly one node at a time: every node runs a Scheduler, and
// only the one holding the store's leader lock runs the tick. When the leader dies, its lock
// goes with it and another node's next attempt takes over.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <snag/app/ports/store.hpp>

namespace snag {

// Thread-safe. Starts its thread in the constructor; the destructor stops it after the tick in
// progress, releasing the lock.
class Scheduler {
 public:
  // Every `every`, runs `tick` if this node leads. `lock` is the store's leader lock.
  Scheduler(std::unique_ptr<LeaderLock> lock, std::chrono::milliseconds every, std::function<void()> tick);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

 private:
  void run();

  std::unique_ptr<LeaderLock> m_lock;  // scheduler thread only
  const std::chrono::milliseconds m_every;
  const std::function<void()> m_tick;
  std::mutex m_mutex;
  std::condition_variable m_stop;
  bool m_stopping = false;  // guarded by m_mutex
  std::thread m_thread;     // last: starts once everything above is initialised
};

// The lock of periodic work that every node does for itself (installing the newest rules).
class EveryNodeLock final : public LeaderLock {
 public:
  bool hold() override { return true; }
};

}  // namespace snag
