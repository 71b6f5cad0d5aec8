#include <exception>

#include <snag/jobs/scheduler.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {

Scheduler::Scheduler(std::unique_ptr<LeaderLock> lock, std::chrono::milliseconds every, std::function<void()> tick)
    : m_lock(std::move(lock)), m_every(every), m_tick(std::move(tick)), m_thread([this] { run(); }) {}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_stop.notify_all();
  m_thread.join();
}

void Scheduler::run() {
  name_this_thread("snag-scheduler");
  bool leading = false;
  for (;;) {
    const bool leads = m_lock->hold();
    if (leads != leading) {
      log_event(spdlog::level::info, leads ? "scheduler leads" : "scheduler follows");
      leading = leads;
    }
    if (leads) {
      try {
        m_tick();
      } catch (const std::exception& error) {  // one catch per tick, as per job run
        log_event(spdlog::level::err, "scheduler tick failed", {{"error", error.what()}});
      }
    }
    std::unique_lock lock(m_mutex);
    if (m_stop.wait_for(lock, m_every, [&] { return m_stopping; })) return;
  }
}

}  // namespace snag
