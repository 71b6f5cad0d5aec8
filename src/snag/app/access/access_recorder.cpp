#include <snag/app/access/access_recorder.hpp>

#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {

namespace {

// Beyond this many queued views (the database is down for long), the oldest are dropped with an
// error in the log rather than growing without bound.
constexpr std::size_t k_max_queued_views = 200000;

AccessEntry base_entry(const Actor& actor, AccessAction action, Timestamp at) {
  AccessEntry entry;
  entry.at = at;
  entry.actor = actor.name;
  entry.credential = actor.credential;
  entry.action = action;
  entry.address = actor.address;
  return entry;
}

}  // namespace

AccessEntry access_entry(const Actor& actor, AccessAction action, Timestamp at, const Ticket& ticket) {
  AccessEntry entry = base_entry(actor, action, at);
  entry.object = "ticket:" + ticket_key(ticket.id);
  entry.ticket = ticket.id;
  entry.candidate = ticket.candidate;
  return entry;
}

AccessEntry access_entry(const Actor& actor, AccessAction action, Timestamp at, const CandidateRef& candidate) {
  AccessEntry entry = base_entry(actor, action, at);
  entry.object = "candidate:" + to_string(candidate);
  entry.candidate = candidate;
  return entry;
}

AccessEntry access_entry(const Actor& actor, AccessAction action, Timestamp at, std::string object) {
  AccessEntry entry = base_entry(actor, action, at);
  entry.object = std::move(object);
  return entry;
}

AccessRecorder::AccessRecorder(Store& store, const Clock& clock, std::chrono::milliseconds view_window)
    : m_store(store), m_clock(clock), m_repeats(view_window), m_thread([this] { run(); }) {}

AccessRecorder::~AccessRecorder() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void AccessRecorder::viewed(AccessEntry entry) {
  std::vector<AccessEntry> one;
  one.push_back(std::move(entry));
  viewed(std::move(one));
}

void AccessRecorder::viewed(std::vector<AccessEntry> entries) {
  if (entries.empty()) return;
  std::lock_guard lock(m_mutex);
  for (auto& entry : entries) {
    if (!m_repeats.admit(entry)) continue;
    m_queue.push_back(std::move(entry));
    ++m_queued;
  }
  if (m_queue.size() > k_max_queued_views) {
    const std::size_t dropped = m_queue.size() - k_max_queued_views;
    m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(dropped));
    m_done += dropped;
    log_event(spdlog::level::err, "access log views dropped", {{"count", std::to_string(dropped)}});
  }
}

Result<void> AccessRecorder::record_now(AccessEntry entry) {
  return m_store.write([&](WriteTransaction& tx) { return tx.append_access_log({entry}); });
}

void AccessRecorder::flush() {
  std::unique_lock lock(m_mutex);
  const std::uint64_t target = m_queued;
  m_flush_requested = true;
  m_wake.notify_all();
  m_drained.wait(lock, [&] { return m_done >= target; });
}

void AccessRecorder::run() {
  name_this_thread("snag-access-log");
  std::unique_lock lock(m_mutex);
  while (true) {
    m_wake.wait_for(lock, k_view_flush_interval, [&] { return m_stop || m_flush_requested; });
    m_flush_requested = false;
    if (m_queue.empty()) {
      if (m_stop) return;
      continue;
    }
    std::vector<AccessEntry> batch;
    batch.swap(m_queue);
    lock.unlock();
    append(batch);
    lock.lock();
    m_done += batch.size();
    m_drained.notify_all();
  }
}

void AccessRecorder::append(std::vector<AccessEntry>& batch) {
  // A failed append drops the batch: retrying forever would hold shutdown while the database is
  // down, and the log line says what was lost.
  auto written = m_store.write([&](WriteTransaction& tx) { return tx.append_access_log(batch); });
  if (!written) {
    log_event(spdlog::level::err, "access log append failed",
              {{"count", std::to_string(batch.size())}, {"error", written.error().message}});
  }
}

}  // namespace snag
