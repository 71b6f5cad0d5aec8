#pragma once
// Copies the WAL back into the database file on a thread and connection of its own. The writer
// used to checkpoint after answering a batch, and the requests that arrived meanwhile waited
// for it: a checkpoint of 32 MiB of WAL, with the fsync of the database file, is the longest
// thing the writer did, and it set the p99 of creates and webhooks. A PASSIVE checkpoint from
// another connection runs beside the writer's transactions (SQLite's WAL lets one checkpointer
// and one writer work at once); the writer only asks for one. After each checkpoint it syncs the
// database file too (see Connection::sync_database_file).

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/error.hpp>

namespace snag::sqlite {

class WalCheckpointer {
 public:
  // Opens its own connection to the database at `path` and starts its thread.
  static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path);
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  // Stops the thread after the checkpoint it may be running, and waits for it.
  ~WalCheckpointer();

  // Asks for a checkpoint and returns at once; asks made while one runs fold into one more.
  void request();
  // How many of the WAL's frames the last finished checkpoint left copied and synced: the
  // frames it found, unless readers held some back.
  int copied_frames() const { return m_copied_frames.load(std::memory_order_relaxed); }
  // Runs a checkpoint on `writer` once this thread's checkpoint, if one runs, has finished:
  // SQLite lets one checkpoint run at a time and refuses a second at once rather than wait.
  void checkpoint_on(Connection& writer);

 private:
  explicit WalCheckpointer(std::unique_ptr<Connection> connection);
  void run();

  std::unique_ptr<Connection> m_connection;  // touched only by the thread once it runs
  std::mutex m_checkpoint_mutex;             // held while a checkpoint runs
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_requested = false;
  bool m_stopping = false;
  std::atomic<int> m_copied_frames{0};
  std::thread m_thread;
};

}  // namespace snag::sqlite
