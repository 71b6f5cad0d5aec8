#include <snag/storage/sqlite/checkpointer.hpp>

#include <sqlite3.h>

#include <snag/util/log.hpp>

namespace snag::sqlite {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path) {
  auto connection = Connection::open(path, OpenMode::read_write_create);
  if (!connection) return tl::unexpected(connection.error());
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(*connection)));
}

Checkpointer::Checkpointer(std::unique_ptr<Connection> connection)
    : m_connection(std::move(connection)), m_thread([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void Checkpointer::watch(Connection& writer) { sqlite3_wal_hook(writer.handle(), &Checkpointer::committed, this); }

int Checkpointer::committed(void* self, sqlite3* db, const char* schema, int frames) {
  auto& checkpointer = *static_cast<Checkpointer*>(self);
  if (frames >= k_writer_checkpoint_frames) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= k_checkpoint_frames) {
    {
      std::lock_guard lock(checkpointer.m_mutex);
      checkpointer.m_due = true;
    }
    checkpointer.m_wake.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::run() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [&] { return m_due || m_stop; });
    if (m_stop) return;
    m_due = false;
    lock.unlock();
    const int rc = sqlite3_wal_checkpoint_v2(m_connection->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                             nullptr);
    // Busy means another checkpoint is running: the next commit asks again.
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      log_event(spdlog::level::warn, "WAL checkpoint failed", {{"error", database_error(rc).message}});
    }
    lock.lock();
  }
}

}  // namespace snag::sqlite
