#include <algorithm>
#include <exception>

#include <snag/jobs/job_runner.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {

Result<void> JobContext::complete_with(const WriteWork& work) {
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (auto done = work(tx); !done) return done;
    return tx.complete_job(m_job, m_now);
  });
  if (written) m_completed = true;
  return written;
}

std::chrono::milliseconds retry_backoff(int attempt) {
  constexpr std::chrono::milliseconds k_most = std::chrono::minutes(10);
  if (attempt >= 20) return k_most;
  return std::min<std::chrono::milliseconds>(std::chrono::seconds(std::int64_t{1} << std::max(attempt, 0)), k_most);
}

JobRunner::JobRunner(Store& store, const Clock& clock, JobRunnerSettings settings,
                     std::map<std::string, JobHandler> handlers)
    : m_store(store),
      m_clock(clock),
      m_settings(std::move(settings)),
      m_handlers(std::move(handlers)) {
  for (std::size_t i = 0; i < std::max<std::size_t>(m_settings.threads, 1); ++i) {
    m_threads.emplace_back([this] { run(); });
  }
}

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  for (auto& thread : m_threads) thread.join();
}

void JobRunner::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_wake.notify_all();
}

void JobRunner::run() {
  name_this_thread("snag-jobs");
  for (;;) {
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) return;
      m_woken = false;
    }
    // A full batch suggests more are due: look again at once.
    if (run_batch() == m_settings.batch) continue;
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, m_settings.poll_every, [&] { return m_stopping || m_woken; });
  }
}

std::size_t JobRunner::run_batch() {
  std::vector<Job> jobs;
  const LeaseRequest request{m_settings.node, m_settings.batch, m_clock.now(), m_settings.lease_for};
  auto leased = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto got = tx.lease_jobs(request);
    if (!got) return tl::unexpected(got.error());
    jobs = std::move(*got);
    return {};
  });
  if (!leased) {
    log_event(spdlog::level::warn, "cannot lease jobs", {{"error", leased.error().message}});
    return 0;
  }
  for (const auto& job : jobs) {
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) break;  // the rest go back to the queue when their leases expire
    }
    // A batch that took long may hold jobs whose lease is gone; another node may run them.
    if (m_clock.now() >= job.lease_until) continue;
    run_job(job);
  }
  return jobs.size();
}

void JobRunner::run_job(const Job& job) {
  const Timestamp now = m_clock.now();
  JobContext context(m_store, job, now);
  Result<void> outcome;
  const auto handler = m_handlers.find(job.kind);
  if (handler == m_handlers.end()) {
    // Perhaps a newer node's kind, during a rolling upgrade: retry later rather than drop it.
    outcome = fail(ErrorCode::not_found, "no handler for job kind " + job.kind);
  } else {
    try {
      outcome = handler->second(job, context);
    } catch (const std::exception& error) {  // one catch per job run, as per request
      outcome = fail(ErrorCode::internal, std::string("the job threw: ") + error.what());
    } catch (...) {
      outcome = fail(ErrorCode::internal, "the job threw an unknown exception");
    }
  }
  if (outcome && !context.completed()) {
    outcome = m_store.write([&](WriteTransaction& tx) { return tx.complete_job(job, m_clock.now()); });
    if (!outcome && outcome.error().code == ErrorCode::conflict) return;  // another node has it now
  }
  if (outcome) return;
  log_event(spdlog::level::warn, "job failed",
            {{"job", job.id.value}, {"kind", job.kind}, {"attempt", job.attempt}, {"error", outcome.error().message}});
  const Timestamp failed_at = m_clock.now();
  auto given_back = m_store.write([&](WriteTransaction& tx) {
    return tx.fail_job(job, outcome.error().message, failed_at, failed_at + retry_backoff(job.attempt));
  });
  // conflict: the lease was lost, and the node that holds the job now decides its fate.
  if (!given_back && given_back.error().code != ErrorCode::conflict) {
    log_event(spdlog::level::warn, "cannot record a job's failure; its lease will expire",
              {{"job", job.id.value}, {"error", given_back.error().message}});
  }
}

}  // namespace snag
