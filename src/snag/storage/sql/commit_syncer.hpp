#pragma once
// Durability on a thread of its own, for a backend whose COMMIT does not wait for the disk
// (SQLite in WAL mode with synchronous=NORMAL; the sync is then an fdatasync of the WAL).
//
// With the sync inside COMMIT, the one writer thread sat idle for a quarter of its time at a
// million tickets, waiting on fdatasync (about 1.2 ms per batch), while the next batch queued.
// Now the writer hands each committed batch here and starts the next one; this thread syncs
// and only then answers the batch's callers. One sync covers every batch committed before it
// began, so batches that commit during a sync share the next one.
//
// A committed batch is visible to readers before it is durable. So that no answer rests on a
// change a power cut could still take back, a read waits, once it is done, until every commit
// that had begun by then is durable (await_visible_commits). Without writes in flight that is
// one check of a counter. A write that depends on an earlier one cannot overtake it: its
// batch commits later and is answered after a later sync.
//
// If a sync fails, the batches it covered are answered with its error: their changes are
// committed, and may or may not survive a crash. The callers retry (Idempotency-Key) rather
// than believe a 2xx.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include <snag/util/error.hpp>

namespace snag::sql {

// Thread-safe. The commit_* calls come from the one writer thread, in order.
class CommitSyncer {
 public:
  // Makes everything committed so far durable.
  using Sync = std::function<Result<void>()>;
  // Told the outcome of the sync that covered a batch; runs on the syncer's thread.
  using Durable = std::function<void(const Result<void>& synced)>;

  explicit CommitSyncer(Sync sync);
  CommitSyncer(const CommitSyncer&) = delete;
  CommitSyncer& operator=(const CommitSyncer&) = delete;
  // Syncs and answers every batch handed over, then stops.
  ~CommitSyncer();

  // Before COMMIT: from now on readers may see the batch. Returns its number.
  std::uint64_t commit_begins();
  // After COMMIT returned (failed or not): `durable`, when not empty, runs once a sync that
  // began after this call is over.
  void commit_ended(std::uint64_t commit, Durable durable);
  // Blocks until every commit that began before this call is durable or its sync failed; on
  // the syncer's own thread (a batch's callback) returns at once.
  void await_visible_commits();
  bool on_syncer_thread() const { return std::this_thread::get_id() == m_thread.get_id(); }
  std::uint64_t syncs() const;

 private:
  struct Ended {
    std::uint64_t commit;
    Durable durable;
  };

  void run();

  Sync m_sync;
  mutable std::mutex m_mutex;
  std::condition_variable m_commit_ended;
  std::condition_variable m_synced;
  std::uint64_t m_begun = 0;    // guarded by m_mutex
  std::uint64_t m_ended = 0;    // guarded by m_mutex
  std::uint64_t m_durable = 0;  // guarded by m_mutex: every commit up to it is synced
  std::uint64_t m_syncs = 0;    // guarded by m_mutex
  std::deque<Ended> m_waiting;  // guarded by m_mutex
  bool m_stopping = false;      // guarded by m_mutex
  std::thread m_thread;         // last: starts once everything above is initialised
};

}  // namespace snag::sql
