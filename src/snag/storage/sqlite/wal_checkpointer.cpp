#include <snag/storage/sqlite/wal_checkpointer.hpp>
#include <snag/util/thread_name.hpp>

namespace snag::sqlite {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(const std::string& path) {
  auto connection = Connection::open(path, OpenMode::read_write_create);
  if (!connection) return tl::unexpected(connection.error());
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(std::move(*connection)));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<Connection> connection)
    : m_connection(std::move(connection)), m_thread([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void WalCheckpointer::request() {
  {
    std::lock_guard lock(m_mutex);
    m_requested = true;
  }
  m_wake.notify_one();
}

void WalCheckpointer::checkpoint_on(Connection& writer) {
  std::lock_guard checkpointing(m_checkpoint_mutex);
  writer.checkpoint();
}

void WalCheckpointer::run() {
  name_this_thread("snag-checkpoint");
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_requested || m_stopping; });
    if (m_stopping) return;
    m_requested = false;
    lock.unlock();
    {
      std::lock_guard checkpointing(m_checkpoint_mutex);
      const int copied = m_connection->checkpoint();
      m_connection->sync_database_file();
      m_copied_frames.store(copied, std::memory_order_relaxed);
    }
    lock.lock();
  }
}

}  // namespace snag::sqlite
