#pragma once
// Read connections, lent out one call at a time. SQLite's WAL and PostgreSQL's MVCC let them
// read a consistent snapshot while the writer commits.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <snag/util/error.hpp>

namespace snag::sql {

// Thread-safe. Connections are opened on demand up to the cap; beyond it callers wait.
template <class Connection>
class ReaderPool {
 public:
  using Open = std::function<Result<std::unique_ptr<Connection>>()>;

  ReaderPool(Open open, std::size_t max_readers) : m_open_connection(std::move(open)), m_max_readers(max_readers) {}

  // Returns the connection to the pool when destroyed; a broken one is closed instead.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> connection)
        : m_pool(&pool), m_connection(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (m_connection) m_pool->give_back(std::move(m_connection));
    }
    Connection& operator*() const { return *m_connection; }

   private:
    ReaderPool* m_pool;
    std::unique_ptr<Connection> m_connection;
  };

  Result<Lease> acquire() {
    {
      std::unique_lock lock(m_mutex);
      m_returned.wait(lock, [&] { return !m_idle.empty() || m_open < m_max_readers; });
      if (!m_idle.empty()) {
        auto connection = std::move(m_idle.back());
        m_idle.pop_back();
        return Lease(*this, std::move(connection));
      }
      ++m_open;  // reserve the slot; opening happens outside the lock
    }
    auto connection = m_open_connection();
    if (!connection) {
      release_slot();
      return tl::unexpected(connection.error());
    }
    return Lease(*this, std::move(*connection));
  }

 private:
  void give_back(std::unique_ptr<Connection> connection) {
    if (connection->broken()) {
      connection.reset();
      release_slot();
      return;
    }
    {
      std::lock_guard lock(m_mutex);
      m_idle.push_back(std::move(connection));
    }
    m_returned.notify_one();
  }

  void release_slot() {
    {
      std::lock_guard lock(m_mutex);
      --m_open;
    }
    m_returned.notify_one();
  }

  const Open m_open_connection;
  const std::size_t m_max_readers;
  std::mutex m_mutex;
  std::condition_variable m_returned;
  std::vector<std::unique_ptr<Connection>> m_idle;  // guarded by m_mutex
  std::size_t m_open = 0;                           // guarded by m_mutex: idle + lent out
};

}  // namespace snag::sql
