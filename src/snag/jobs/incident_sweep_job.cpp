#include <snag/app/incidents/incident_sweep.hpp>
#include <snag/jobs/incident_sweep_job.hpp>
#include <snag/util/log.hpp>

namespace snag {

JobHandler make_incident_sweep_handler(const Catalog& catalog) {
  return [&catalog](const Job&, JobContext& context) -> Result<void> {
    IncidentSweepCounts counts;
    auto written = context.complete_with([&](WriteTransaction& tx) -> Result<void> {
      auto swept = sweep_incidents(tx, catalog, context.now());
      if (!swept) return tl::unexpected(std::move(swept.error()));
      counts = *swept;
      return {};
    });
    if (!written) return written;
    if (counts.update_reminders + counts.overdue_action_items > 0) {
      log_event(spdlog::level::info, "incident reminders sent",
                {{"update_reminders", std::to_string(counts.update_reminders)},
                 {"overdue_action_items", std::to_string(counts.overdue_action_items)}});
    }
    return {};
  };
}

}  // namespace snag
