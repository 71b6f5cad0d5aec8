#include <utility>
#include <vector>

#include <snag/storage/sql/commit_syncer.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag::sql {

CommitSyncer::CommitSyncer(Sync sync) : m_sync(std::move(sync)), m_thread([this] { run(); }) {}

CommitSyncer::~CommitSyncer() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_commit_ended.notify_all();
  m_thread.join();
}

std::uint64_t CommitSyncer::commit_begins() {
  std::lock_guard lock(m_mutex);
  return ++m_begun;
}

void CommitSyncer::commit_ended(std::uint64_t commit, Durable durable) {
  {
    std::lock_guard lock(m_mutex);
    m_ended = commit;
    if (durable) m_waiting.push_back(Ended{commit, std::move(durable)});
  }
  m_commit_ended.notify_all();
}

void CommitSyncer::await_visible_commits() {
  if (on_syncer_thread()) return;  // a read in a batch's callback would wait for itself
  std::unique_lock lock(m_mutex);
  const std::uint64_t visible = m_begun;
  m_synced.wait(lock, [&] { return m_durable >= visible; });
}

std::uint64_t CommitSyncer::syncs() const {
  std::lock_guard lock(m_mutex);
  return m_syncs;
}

void CommitSyncer::run() {
  name_this_thread("snag-syncer");
  std::vector<Ended> answering;
  for (;;) {
    std::uint64_t covered = 0;
    {
      std::unique_lock lock(m_mutex);
      m_commit_ended.wait(lock, [&] { return m_stopping || m_ended > m_durable; });
      if (m_ended == m_durable) return;  // stopping, and everything is answered
      // Only commits that have returned: a commit still writing its frames waits for the next sync.
      covered = m_ended;
      while (!m_waiting.empty() && m_waiting.front().commit <= covered) {
        answering.push_back(std::move(m_waiting.front()));
        m_waiting.pop_front();
      }
    }
    const Result<void> synced = m_sync();
    if (!synced) log_event(spdlog::level::err, "sync failed", {{"error", synced.error().message}});
    {
      std::lock_guard lock(m_mutex);
      m_durable = covered;
      ++m_syncs;
    }
    m_synced.notify_all();
    for (auto& ended : answering) ended.durable(synced);
    answering.clear();
  }
}

}  // namespace snag::sql
