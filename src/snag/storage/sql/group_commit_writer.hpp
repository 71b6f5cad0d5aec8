#pragma once
// Group commit: one thread owns the process's write connection and commits many writes with
// one fsync. The same writer serves both backends; BatchSteps says where they differ.
//
// Callers enqueue a work and block. The writer takes everything queued (at most
// k_max_batch works), opens one transaction and runs each work inside its own savepoint:
//
//   BEGIN IMMEDIATE (SQLite) | BEGIN; take the journal lock (PostgreSQL)
//     SAVEPOINT w; work 1; RELEASE w             -- ok
//     SAVEPOINT w; work 2; ROLLBACK TO w; RELEASE w   -- failed: only its own writes undone
//     ...
//     SQLite: sync tickets_fts for the tickets whose text the works inserted or updated
//   COMMIT                                       -- one durable commit for the whole group
//
// On SQLite the works first run without savepoints: a savepoint makes SQLite copy every page
// that earlier works of the batch changed and this one changes again, a sixth of a ticket
// create's cost. A work that fails before it changes a row (a stale If-Match, a refused
// transition) leaves nothing to undo; the connection's count of changed rows tells. A work
// that fails after changing rows cannot be undone alone: the whole batch is rolled back and
// runs again as above, a savepoint each. So a work may run twice, the first run's writes
// discarded, and must keep nothing of a run outside the transaction except by assignment
// (a result it sets, not a counter it bumps).
//
// On PostgreSQL the works run pipelined (postgresql/connection.hpp): SAVEPOINT, RELEASE and
// the statements a work only queues travel with the next statement it waits for, and the
// work's outcome is known once they are settled, before the next work starts.
//
// SQLite's full-text index is synced once per batch, from the rows as they are after every
// work (so a rolled-back work's text never reaches it), rather than by triggers: FTS5 flushes
// its pending data at every SAVEPOINT it takes part in, which cost most of the writer's CPU.
//
// On PostgreSQL several nodes write to one database; the journal lock (a transaction-scoped
// advisory lock) orders their batches, and each batch reads the journal head again, since
// another node may have appended since. On SQLite the write lock orders them, and each batch
// reads the head again too: CLI commands append from their own processes.
//
// and then tells every caller its own outcome: wakes a blocked `submit`, or calls the `done` of
// a `submit_async` on the writer thread (or, when BatchSteps::sync is set, on the syncer's
// thread once the commit is durable: commit_syncer.hpp). If the commit fails, everything is rolled
// back and every caller of the group gets `unavailable`. A work that throws is treated as one
// that failed (internal). The in-memory journal head moves with the savepoints: a work's
// rollback restores the head it started from, a failed commit reloads it from the database.
// The access log's head does the same within a batch, and each batch reads it afresh.
//
// Throughput is bounded by fsyncs, not statements, so under load many writes share one fsync
// (see STACK.md: ~3,400 single-row commits/s against ~21,000 rows/s in groups of 100).

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sql/commit_syncer.hpp>
#include <snag/storage/sql/write_transaction.hpp>

namespace snag::sql {

// What a backend's batches do beyond the common steps.
template <class Connection>
struct BatchSteps {
  // Opens (or reopens, after the connection broke) the write connection.
  std::function<Result<std::unique_ptr<Connection>>()> open;
  // Opens the batch's transaction.
  std::string begin_sql;
  // True when other processes append to the journal too, so each batch reads its head again.
  bool shared_journal = false;
  // Runs after the works and before COMMIT, told which tickets' text changed and whether the
  // batch wrote what other nodes' event streams follow (journal entries, notifications); may
  // be empty.
  std::function<Result<void>(Connection&, const TextChanges&, bool others_follow)> before_commit;
  // When set, COMMIT does not wait for the disk and this makes every commit so far durable, on
  // a thread of its own (commit_syncer.hpp); empty when COMMIT itself is durable (PostgreSQL).
  std::function<Result<void>()> sync;
  // Runs after each successful commit once it is durable, before the writer thread's next
  // commit or on the syncer's thread; may be empty.
  std::function<void()> after_commit;
  // Runs after each successful commit once its requests are answered: upkeep that must not
  // delay them (SQLite's WAL checkpoint); may be empty.
  std::function<void(Connection&)> upkeep;
  // Runs when the writer stops; may be empty. Its failure is ignored.
  std::string close_sql;
};

// Thread-safe: submit and stats may be called from any thread. The connection and journal head
// are touched only by the writer thread once it has started.
template <class Connection>
class GroupCommitWriter {
 public:
  static constexpr std::size_t k_max_batch = 512;

  // REQUIRES: `connection` is migrated; `head` is the current end of its journal.
  GroupCommitWriter(std::unique_ptr<Connection> connection, JournalHead head, BatchSteps<Connection> steps);
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;
  // Finishes every queued work, then stops the thread and closes the connection.
  ~GroupCommitWriter();

  // Blocks until the work's group has committed (or failed). unavailable once shutting down;
  // internal when called from inside a work.
  Result<void> submit(WriteWork work);
  // Queues the work and returns at once; `done` gets the outcome `submit` would have returned,
  // on the writer thread (or on the caller's, when the work is refused before it is queued).
  void submit_async(WriteWork work, WriteDone done);
  // Queues every work at once, so that they commit in as few batches as possible (each in its
  // own savepoint, failing alone), and blocks until all have committed or failed.
  std::vector<Result<void>> submit_all(std::vector<WriteWork> works);
  CommitStats stats() const;
  // Blocks until every commit a read finished now could have seen is durable (commit_syncer.hpp).
  void await_visible_commits();

 private:
  struct Pending {
    WriteWork work;
    WriteDone done;
  };

  enum class WorkIsolation { none_unless_needed, savepoint_each };
  enum class WorkRun {
    done,              // succeeded, or failed and left nothing behind
    needs_savepoints,  // failed after changing rows, with no savepoint to undo them by
    lost,              // the batch transaction itself is gone (or a savepoint command failed)
  };

  void run();
  void commit_batch(std::vector<Pending>& batch);
  // True on the writer's threads, where a blocking write would wait for itself.
  bool called_from_a_write() const;
  // Opens the batch's transaction and brings the journal head up to date.
  Result<void> begin_batch();
  // Opens the batch's transaction and runs every work, each in its own savepoint when asked
  // or when the connection cannot count changed rows. False when a work needs the batch run
  // again with savepoints; an error when the transaction was lost.
  Result<bool> run_works(std::vector<Pending>& batch, WorkIsolation isolation, std::vector<Result<void>>& outcomes,
                         std::int64_t& seq_before);
  // The work, with a throw turned into an internal error.
  Result<void> invoke(Pending& pending, BatchChanges& changes);
  WorkRun run_alone(Pending& pending, Result<void>& outcome);
  WorkRun run_in_savepoint(Pending& pending, Result<void>& outcome);
  void fail_batch(std::vector<Pending>& batch, const Error& cause);
  void record_rerun();
  void record_commit(std::size_t batch_size, bool ok);

  BatchSteps<Connection> m_steps;
  std::unique_ptr<Connection> m_connection;  // writer thread only
  JournalHead m_head;                        // writer thread only
  std::optional<AccessLogHead> m_access_head;  // writer thread only: read again by each batch
  bool m_head_stale = false;                 // writer thread only: reload before the next append
  BatchChanges m_changes;                    // writer thread only: what the open batch wrote

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Pending> m_queue;  // guarded by m_mutex
  bool m_stopping = false;      // guarded by m_mutex

  mutable std::mutex m_stats_mutex;
  CommitStats m_stats;  // guarded by m_stats_mutex

  std::unique_ptr<CommitSyncer> m_syncer;  // null when COMMIT itself is durable
  std::thread m_thread;                    // last: starts once everything above is initialised
};

}  // namespace snag::sql
