#pragma once
// Checkpoints the write-ahead log from a thread of its own. SQLite's automatic checkpoint runs
// inside the COMMIT that pushes the WAL past its threshold, on the committing thread: here the
// group-commit writer, whose every microsecond is throughput. Instead, the writer connection's
// WAL hook (installed by watch()) only reports the WAL's size after each commit, and past
// k_checkpoint_frames this thread runs a PASSIVE checkpoint on its own connection: it copies
// back what no reader still needs and blocks neither the writer nor the readers. Should the WAL
// still grow past k_writer_checkpoint_frames (this thread cannot keep up, or a long read holds
// the log), the writer checkpoints itself, as SQLite would have.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/error.hpp>

namespace snag::sqlite {

class Checkpointer {
 public:
  // SQLite's own default threshold (pages).
  static constexpr int k_checkpoint_frames = 1000;
  static constexpr int k_writer_checkpoint_frames = 20000;

  static Result<std::unique_ptr<Checkpointer>> start(const std::string& path);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Hooks the writer's commits. REQUIRES: this checkpointer outlives the connection.
  void watch(Connection& writer);

 private:
  explicit Checkpointer(std::unique_ptr<Connection> connection);
  static int committed(void* self, sqlite3* db, const char* schema, int frames);
  void run();

  std::unique_ptr<Connection> m_connection;  // the checkpoint thread's only
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_due = false;   // guarded by m_mutex
  bool m_stop = false;  // guarded by m_mutex
  std::thread m_thread;  // last: starts once everything above is initialised
};

}  // namespace snag::sqlite
