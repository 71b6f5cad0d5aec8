#include <snag/storage/sqlite/reader_pool.hpp>

namespace snag::sqlite {

Result<ReaderPool::Lease> ReaderPool::acquire() {
  {
    std::unique_lock lock(m_mutex);
    m_returned.wait(lock, [&] { return !m_idle.empty() || m_open < k_max_readers; });
    if (!m_idle.empty()) {
      auto connection = std::move(m_idle.back());
      m_idle.pop_back();
      return Lease(*this, std::move(connection));
    }
    ++m_open;  // reserve the slot; opening happens outside the lock
  }
  auto connection = Connection::open(m_path, OpenMode::read_only);
  if (!connection) {
    {
      std::lock_guard lock(m_mutex);
      --m_open;
    }
    m_returned.notify_one();
    return tl::unexpected(connection.error());
  }
  return Lease(*this, std::move(*connection));
}

void ReaderPool::give_back(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(connection));
  }
  m_returned.notify_one();
}

}  // namespace snag::sqlite
