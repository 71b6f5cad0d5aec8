#include <exception>

#include <snag/jobs/outbound_job.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {

void OutboundWorker::Signal::raise() {
  {
    std::lock_guard lock(mutex);
    raised = true;
  }
  raised_cv.notify_one();
}

OutboundWorker::OutboundWorker(Store& store, const Catalog& catalog, const Clock& clock, HttpClient& client,
                               OutboundWorkerSettings settings)
    : m_settings(std::move(settings)),
      m_fill_lock(store.leader_lock("outbound")),
      m_filler(store, catalog, clock, m_settings.filler),
      m_deliverer(store, client, clock, m_settings.deliverer),
      m_thread([this] { run(); }) {
  // The store keeps its listeners for its lifetime, which may be longer than the worker's: the
  // listener holds the signal, not the worker.
  store.add_commit_listener([signal = m_signal] { signal->raise(); });
}

OutboundWorker::~OutboundWorker() {
  {
    std::lock_guard lock(m_signal->mutex);
    m_signal->stopping = true;
  }
  m_signal->raised_cv.notify_all();
  m_thread.join();
}

bool OutboundWorker::stopping() {
  std::lock_guard lock(m_signal->mutex);
  return m_signal->stopping;
}

void OutboundWorker::run() {
  name_this_thread("snag-outbound");
  using std::chrono::steady_clock;
  auto next_delivery = steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(m_signal->mutex);
      m_signal->raised_cv.wait_until(lock, next_delivery, [this] { return m_signal->raised || m_signal->stopping; });
      if (m_signal->stopping) return;
      m_signal->raised = false;
    }
    try {
      const std::int64_t queued = fill();
      if (queued > 0 || steady_clock::now() >= next_delivery) {
        deliver();
        next_delivery = steady_clock::now() + m_settings.poll;
      }
    } catch (const std::exception& error) {  // the thread is a boundary, as a job run is
      log_event(spdlog::level::err, "outbound pass failed", {{"error", error.what()}});
      next_delivery = steady_clock::now() + m_settings.poll;
    }
  }
}

std::int64_t OutboundWorker::fill() {
  if (!m_fill_lock->hold()) return 0;
  auto filled = m_filler.fill();
  if (!filled) {
    log_event(spdlog::level::warn, "cannot fill the outbound outbox", {{"error", filled.error().message}});
    return 0;
  }
  if (filled->messages > 0) {
    log_event(spdlog::level::debug, "outbound messages queued",
              {{"changes", filled->changes}, {"messages", filled->messages}});
  }
  return filled->messages;
}

void OutboundWorker::deliver() {
  while (!stopping()) {
    auto delivered = m_deliverer.deliver_due();
    if (!delivered) {
      log_event(spdlog::level::warn, "cannot deliver outbound messages", {{"error", delivered.error().message}});
      return;
    }
    // A full batch suggests more are due: look again at once.
    if (delivered->leased < m_deliverer.options().batch) return;
  }
}

}  // namespace snag
