#include <unistd.h>

#include <array>

#include <snag/cli/background_work.hpp>
#include <snag/jobs/audit_job.hpp>
#include <snag/jobs/periodic_jobs.hpp>
#include <snag/util/log.hpp>

namespace snag {

namespace {

JobRunnerSettings runner_settings(const JobsSettings& jobs) {
  JobRunnerSettings settings;
  settings.node = node_name();
  settings.lease_for = jobs.lease;
  settings.poll_every = jobs.poll;
  settings.threads = static_cast<std::size_t>(jobs.threads);
  return settings;
}

// The handler of every job kind Snag runs.
std::map<std::string, JobHandler> job_handlers() { return {{std::string(k_audit_verify_job), run_audit_verify}}; }

}  // namespace

std::string node_name() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return std::string(host.data()) + ":" + std::to_string(::getpid());
}

BackgroundWork::BackgroundWork(Runtime& runtime)
    : m_runner(runtime.store(), runtime.clock(), runner_settings(runtime.settings().jobs), job_handlers()),
      m_scheduler(runtime.store().leader_lock("scheduler"), runtime.settings().jobs.tick, [&runtime] {
        if (auto enqueued = enqueue_periodic_jobs(runtime.store(), default_periodic_jobs(), runtime.clock().now());
            !enqueued) {
          log_event(spdlog::level::warn, "cannot enqueue periodic jobs", {{"error", enqueued.error().message}});
        }
      }) {}

}  // namespace snag
