#include <exception>
#include <future>
#include <memory>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/group_commit_writer.hpp>
#include <snag/storage/sql/kept_summaries.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag::sql {

template <class Connection>
GroupCommitWriter<Connection>::GroupCommitWriter(std::unique_ptr<Connection> connection, JournalHead head,
                                                 BatchSteps<Connection> steps)
    : m_steps(std::move(steps)),
      m_connection(std::move(connection)),
      m_head(std::move(head)),
      m_syncer(m_steps.sync ? std::make_unique<CommitSyncer>(m_steps.sync) : nullptr),
      m_thread([this] { run(); }) {}

template <class Connection>
GroupCommitWriter<Connection>::~GroupCommitWriter() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
  m_syncer.reset();  // answers the last batches
  if (!m_steps.close_sql.empty()) (void)m_connection->exec(m_steps.close_sql);
}

template <class Connection>
Result<void> GroupCommitWriter<Connection>::submit(WriteWork work) {
  // Shared with the callback, so that the promise outlives the writer's set_value even when
  // this thread wakes and returns before that call has finished.
  auto outcome = std::make_shared<std::promise<Result<void>>>();
  auto done = outcome->get_future();
  submit_async(std::move(work), [outcome](Result<void> result) { outcome->set_value(std::move(result)); });
  return done.get();
}

template <class Connection>
void GroupCommitWriter<Connection>::submit_async(WriteWork work, WriteDone done) {
  // A work that writes through the store again would wait for its own batch forever.
  if (called_from_a_write()) {
    done(fail(ErrorCode::internal, "a write may not start another write"));
    return;
  }
  bool queued = false;
  {
    std::lock_guard lock(m_mutex);
    if (!m_stopping) {
      m_queue.push_back(Pending{std::move(work), std::move(done)});
      queued = true;
    }
  }
  if (!queued) {
    done(fail(ErrorCode::unavailable, "the store is shutting down"));
    return;
  }
  m_wake.notify_one();
}

template <class Connection>
std::vector<Result<void>> GroupCommitWriter<Connection>::submit_all(std::vector<WriteWork> works) {
  std::vector<Result<void>> results;
  if (called_from_a_write()) {
    results.assign(works.size(), fail(ErrorCode::internal, "a write may not start another write"));
    return results;
  }
  std::vector<std::future<Result<void>>> outcomes;
  outcomes.reserve(works.size());
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      results.assign(works.size(), fail(ErrorCode::unavailable, "the store is shutting down"));
      return results;
    }
    for (auto& work : works) {
      auto outcome = std::make_shared<std::promise<Result<void>>>();  // as in submit
      outcomes.push_back(outcome->get_future());
      m_queue.push_back(
          Pending{std::move(work), [outcome](Result<void> result) { outcome->set_value(std::move(result)); }});
    }
  }
  m_wake.notify_one();
  results.reserve(outcomes.size());
  for (auto& outcome : outcomes) results.push_back(outcome.get());
  return results;
}

template <class Connection>
bool GroupCommitWriter<Connection>::called_from_a_write() const {
  return std::this_thread::get_id() == m_thread.get_id() || (m_syncer && m_syncer->on_syncer_thread());
}

template <class Connection>
void GroupCommitWriter<Connection>::await_visible_commits() {
  if (m_syncer) m_syncer->await_visible_commits();
}

template <class Connection>
CommitStats GroupCommitWriter<Connection>::stats() const {
  CommitStats stats;
  {
    std::lock_guard lock(m_stats_mutex);
    stats = m_stats;
  }
  if (m_syncer) stats.syncs = m_syncer->syncs();
  return stats;
}

template <class Connection>
void GroupCommitWriter<Connection>::run() {
  name_this_thread("snag-writer");
  std::vector<Pending> batch;
  batch.reserve(k_max_batch);
  for (;;) {
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
      if (m_queue.empty()) return;  // stopping and drained
      while (!m_queue.empty() && batch.size() < k_max_batch) {
        batch.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
      }
    }
    commit_batch(batch);
    batch.clear();
  }
}

template <class Connection>
void GroupCommitWriter<Connection>::commit_batch(std::vector<Pending>& batch) {
  std::vector<Result<void>> outcomes;
  std::int64_t seq_before = 0;
  auto ran = run_works(batch, WorkIsolation::none_unless_needed, outcomes, seq_before);
  if (ran && !*ran) {
    (void)m_connection->exec("ROLLBACK");
    m_head_stale = true;
    record_rerun();
    ran = run_works(batch, WorkIsolation::savepoint_each, outcomes, seq_before);
  }
  if (!ran) {
    fail_batch(batch, ran.error());
    return;
  }
  if (auto written = KeptSummaries<Connection>::write(*m_connection, m_changes.summaries); !written) {
    fail_batch(batch, written.error());
    return;
  }
  if (auto ended = m_connection->end_pipeline(); !ended) {
    fail_batch(batch, ended.error());
    return;
  }
  if (m_steps.before_commit) {
    const bool others_follow = m_head.seq != seq_before || m_changes.notifications;
    if (auto done = m_steps.before_commit(*m_connection, m_changes.text, others_follow); !done) {
      fail_batch(batch, done.error());
      return;
    }
  }
  const std::uint64_t commit = m_syncer ? m_syncer->commit_begins() : 0;
  auto committed = m_connection->exec("COMMIT");
  if (!committed) {
    if (m_syncer) m_syncer->commit_ended(commit, {});
    fail_batch(batch, committed.error());
    return;
  }
  record_commit(batch.size(), true);
  std::vector<WriteDone> dones;
  dones.reserve(batch.size());
  for (auto& pending : batch) dones.push_back(std::move(pending.done));
  auto answer = [dones = std::move(dones), outcomes = std::move(outcomes),
                 after_commit = m_steps.after_commit](const Result<void>& synced) mutable {
    for (std::size_t i = 0; i < dones.size(); ++i) {
      if (!synced && outcomes[i]) {
        outcomes[i] =
            fail(ErrorCode::unavailable, "the commit could not be made durable (" + synced.error().message + ")");
      }
      dones[i](std::move(outcomes[i]));
    }
    if (synced && after_commit) after_commit();
  };
  if (m_syncer) {
    m_syncer->commit_ended(commit, std::move(answer));
  } else {
    answer(Result<void>{});
  }
  if (m_steps.upkeep) m_steps.upkeep(*m_connection);
}

template <class Connection>
Result<void> GroupCommitWriter<Connection>::begin_batch() {
  if (m_connection->broken()) {
    auto reopened = m_steps.open();
    if (!reopened) return tl::unexpected(reopened.error());
    m_connection = std::move(*reopened);
    m_head_stale = true;
  }
  if (auto begun = m_connection->exec(m_steps.begin_sql); !begun) return begun;
  m_access_head.reset();  // other processes or nodes may have appended since the last batch
  if (m_head_stale || m_steps.shared_journal) {
    auto head = Queries<Connection>::journal_head(*m_connection);
    if (!head) return tl::unexpected(head.error());
    m_head = std::move(*head);
    m_head_stale = false;
  }
  return m_connection->begin_pipeline();
}

template <class Connection>
Result<bool> GroupCommitWriter<Connection>::run_works(std::vector<Pending>& batch, WorkIsolation isolation,
                                                      std::vector<Result<void>>& outcomes, std::int64_t& seq_before) {
  if (auto begun = begin_batch(); !begun) return tl::unexpected(begun.error());
  m_changes = {};
  seq_before = m_head.seq;
  const bool savepoint_each = isolation == WorkIsolation::savepoint_each || !m_connection->rows_changed();
  outcomes.clear();
  outcomes.reserve(batch.size());
  for (auto& pending : batch) {
    outcomes.emplace_back();
    const WorkRun run =
        savepoint_each ? run_in_savepoint(pending, outcomes.back()) : run_alone(pending, outcomes.back());
    if (run == WorkRun::needs_savepoints) return false;
    if (run == WorkRun::lost) {
      return tl::unexpected(Error{ErrorCode::unavailable, "database error: the transaction was lost", {}, {}});
    }
  }
  return true;
}

template <class Connection>
Result<void> GroupCommitWriter<Connection>::invoke(Pending& pending, BatchChanges& changes) {
  try {
    SqlWriteTransaction<Connection> transaction(*m_connection, m_head, m_access_head, changes);
    return pending.work(transaction);
  } catch (const std::exception& error) {
    // The client gets the generic 500; the operator needs the cause (a bug: works return errors).
    log_event(spdlog::level::err, "a write threw", {{"error", error.what()}});
    return fail(ErrorCode::internal, std::string("the write failed: ") + error.what());
  } catch (...) {
    return fail(ErrorCode::internal, "the write failed with an unknown exception");
  }
}

template <class Connection>
typename GroupCommitWriter<Connection>::WorkRun GroupCommitWriter<Connection>::run_alone(Pending& pending,
                                                                                         Result<void>& outcome) {
  const auto rows_before = m_connection->rows_changed();
  const JournalHead head_before = m_head;
  const std::optional<AccessLogHead> access_head_before = m_access_head;
  BatchChanges changes;
  outcome = invoke(pending, changes);
  if (outcome) {
    m_changes.add(changes);
    return WorkRun::done;
  }
  if (!m_connection->in_transaction()) return WorkRun::lost;
  // Most failures (a stale If-Match, a refused transition, an unknown ticket) are found before
  // the work writes anything; then there is nothing to undo.
  if (m_connection->rows_changed() != rows_before) return WorkRun::needs_savepoints;
  m_head = head_before;
  m_access_head = access_head_before;
  return WorkRun::done;
}

template <class Connection>
typename GroupCommitWriter<Connection>::WorkRun GroupCommitWriter<Connection>::run_in_savepoint(Pending& pending,
                                                                                                Result<void>& outcome) {
  if (!m_connection->exec_queued("SAVEPOINT w")) return WorkRun::lost;
  const JournalHead head_before = m_head;
  const std::optional<AccessLogHead> access_head_before = m_access_head;
  BatchChanges changes;
  outcome = invoke(pending, changes);
  if (outcome) {
    // The release travels with the work's queued statements; one of them failing fails the work.
    if (!m_connection->exec_queued("RELEASE w")) return WorkRun::lost;
    auto settled = m_connection->settle();
    if (settled) {
      m_changes.add(changes);
      return WorkRun::done;
    }
    outcome = tl::unexpected(std::move(settled.error()));
  } else {
    (void)m_connection->settle();  // a failed work's queued statements no longer matter
  }
  // Some errors (disk full, I/O, a lost connection) end the whole transaction by themselves.
  if (!m_connection->in_transaction()) return WorkRun::lost;
  m_head = head_before;
  m_access_head = access_head_before;
  const bool undone = m_connection->exec("ROLLBACK TO w") && m_connection->exec("RELEASE w");
  return undone ? WorkRun::done : WorkRun::lost;
}

template <class Connection>
void GroupCommitWriter<Connection>::fail_batch(std::vector<Pending>& batch, const Error& cause) {
  (void)m_connection->end_pipeline();
  if (m_connection->in_transaction()) (void)m_connection->exec("ROLLBACK");
  // The rolled-back group may have advanced the head; the database is the truth again.
  m_head_stale = true;
  record_commit(batch.size(), false);
  // The clients get 503; the operator needs the cause. Error messages never hold SQL or values.
  log_event(spdlog::level::err, "commit failed", {{"writes", batch.size()}, {"error", cause.message}});
  for (auto& pending : batch) {
    pending.done(fail(ErrorCode::unavailable, "the write could not be committed (" + cause.message + ")"));
  }
}

template <class Connection>
void GroupCommitWriter<Connection>::record_rerun() {
  std::lock_guard lock(m_stats_mutex);
  ++m_stats.rerun_batches;
}

template <class Connection>
void GroupCommitWriter<Connection>::record_commit(std::size_t batch_size, bool ok) {
  std::lock_guard lock(m_stats_mutex);
  if (!ok) {
    ++m_stats.failed_commits;
    return;
  }
  ++m_stats.commits;
  m_stats.writes += batch_size;
  std::size_t bucket = 0;
  while (bucket < k_commit_batch_bounds.size() &&
         static_cast<std::int64_t>(batch_size) > k_commit_batch_bounds[bucket]) {
    ++bucket;
  }
  ++m_stats.batch_buckets[bucket];
}

template class GroupCommitWriter<sqlite::Connection>;
template class GroupCommitWriter<postgresql::Connection>;

}  // namespace snag::sql
