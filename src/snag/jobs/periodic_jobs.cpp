#include <snag/app/compliance/retention.hpp>
#include <snag/jobs/audit_job.hpp>
#include <snag/jobs/automation_job.hpp>
#include <snag/jobs/incident_sweep_job.hpp>
#include <snag/jobs/periodic_jobs.hpp>
#include <snag/jobs/reconcile_job.hpp>
#include <snag/jobs/report_jobs.hpp>
#include <snag/jobs/session_cleanup_job.hpp>
#include <snag/jobs/taxonomy_job.hpp>
#include <snag/jobs/sync_job.hpp>

namespace snag {

std::vector<PeriodicJob> periodic_jobs(const AtsPolicy& ats) {
  return {
      {std::string(k_audit_verify_job), std::chrono::hours(24)},
      {std::string(k_ats_sync_job), ats.sync_every},
      {std::string(k_ats_reconcile_job), ats.reconcile_every},
      {std::string(k_session_cleanup_job), k_session_cleanup_every},
      {std::string(k_automation_sweep_job), k_automation_sweep_every},
      {std::string(k_sla_sweep_job), k_sla_sweep_every},
      {std::string(k_incident_sweep_job), k_incident_sweep_every},
      {std::string(k_taxonomy_migrate_job), k_taxonomy_migrate_every},
      {std::string(k_retention_job), k_retention_every},
      {std::string(k_report_schedule_job), k_report_schedule_every},
  };
}

NewJob periodic_slot_job(const PeriodicJob& periodic, Timestamp now) {
  const std::int64_t every = std::max<std::int64_t>(periodic.every.count(), 1);
  const std::int64_t slot_start = to_epoch_ms(now) / every * every;
  NewJob job;
  job.kind = periodic.kind;
  job.run_at = from_epoch_ms(slot_start);
  job.dedupe_key = periodic.kind + "@" + std::to_string(slot_start);
  return job;
}

Result<void> enqueue_periodic_jobs(Store& store, const std::vector<PeriodicJob>& schedule, Timestamp now) {
  return store.write([&](WriteTransaction& tx) -> Result<void> {
    for (const auto& periodic : schedule) {
      if (auto enqueued = tx.enqueue_job(periodic_slot_job(periodic, now), now); !enqueued) {
        return tl::unexpected(enqueued.error());
      }
    }
    return {};
  });
}

}  // namespace snag
