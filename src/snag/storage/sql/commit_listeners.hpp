#pragma once
// The listeners a store calls after a commit (Store::add_commit_listener), and how a backend
// hears of other processes' commits.

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace snag::sql {

// Thread-safe.
class CommitListeners {
 public:
  void add(std::function<void()> listener) {
    std::lock_guard lock(m_mutex);
    m_listeners.push_back(std::move(listener));
  }

  void notify() const {
    std::lock_guard lock(m_mutex);
    for (const auto& listener : m_listeners) listener();
  }

 private:
  mutable std::mutex m_mutex;
  std::vector<std::function<void()>> m_listeners;  // guarded by m_mutex
};

// Something running in the background that calls the listeners when another process commits
// (PostgreSQL's LISTEN); it stops when destroyed.
class OtherWriters {
 public:
  virtual ~OtherWriters() = default;
};

// Starts watching other processes' commits; empty for a backend that has no other writers.
using WatchOtherWriters = std::function<std::unique_ptr<OtherWriters>(std::shared_ptr<CommitListeners>)>;

}  // namespace snag::sql
