#pragma once
// Read-only connections to the database file, lent out one call at a time. WAL lets them read
// a consistent snapshot while the writer commits.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <snag/storage/sqlite/connection.hpp>

namespace snag::sqlite {

// Thread-safe. Connections are created on demand up to the cap; beyond it callers wait.
class ReaderPool {
 public:
  static constexpr std::size_t k_max_readers = 8;

  explicit ReaderPool(std::string path) : m_path(std::move(path)) {}

  // Returns the connection to the pool when destroyed.
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

  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Connection> connection);

  const std::string m_path;
  std::mutex m_mutex;
  std::condition_variable m_returned;
  std::vector<std::unique_ptr<Connection>> m_idle;  // guarded by m_mutex
  std::size_t m_open = 0;                           // guarded by m_mutex: idle + lent out
};

}  // namespace snag::sqlite
