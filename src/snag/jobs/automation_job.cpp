#include <snag/jobs/automation_job.hpp>

#include <snag/app/automation/interview_notices.hpp>
#include <snag/app/automation/scheduled_rules.hpp>
#include <snag/app/automation/sla_replan.hpp>
#include <snag/app/automation/sla_sweep.hpp>
#include <snag/util/log.hpp>

namespace snag {

JobHandler make_automation_sweep_handler(const TicketRouter& router) {
  return [&router](const Job&, JobContext& context) -> Result<void> {
    auto swept = run_scheduled_rules(context.store(), router.catalog(), *router.rules(), context.now());
    if (!swept) return tl::unexpected(std::move(swept.error()));
    if (swept->changed > 0) {
      log_event(spdlog::level::info, "automation rules changed tickets",
                {{"changed", std::to_string(swept->changed)}, {"examined", std::to_string(swept->examined)}});
    }
    return {};
  };
}

JobHandler make_sla_replan_handler(RuleService& rules, const Catalog& catalog) {
  return [&rules, &catalog](const Job&, JobContext& context) -> Result<void> {
    if (auto installed = rules.refresh(); !installed) return tl::unexpected(std::move(installed.error()));
    auto replanned = replan_sla_checks(context.store(), catalog);
    if (!replanned) return tl::unexpected(std::move(replanned.error()));
    log_event(spdlog::level::info, "sla checks re-planned for new rules",
              {{"examined", replanned->examined}, {"replanned", replanned->replanned}});
    return {};
  };
}

JobHandler make_sla_sweep_handler(const TicketRouter& router) {
  return [&router](const Job&, JobContext& context) -> Result<void> {
    auto swept = run_sla_sweep(context.store(), router, context.now());
    if (!swept) return tl::unexpected(std::move(swept.error()));
    if (swept->tickets > 0 || swept->released > 0 || swept->dropped > 0) {
      log_event(spdlog::level::info, "sla sweep",
                {{"tickets", swept->tickets},
                 {"breaches", swept->breaches},
                 {"escalations", swept->escalations},
                 {"suppressed", swept->suppressed},
                 {"released", swept->released},
                 {"dropped", swept->dropped}});
    }
    return {};
  };
}

JobHandler make_interview_notice_handler(const Catalog& catalog) {
  return [&catalog](const Job& job, JobContext& context) -> Result<void> {
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    // In the job's own completion: a notice goes out once even when a slow node lost the lease.
    return context.complete_with([&](WriteTransaction& tx) -> Result<void> {
      auto sent = send_interview_notice(tx, catalog, payload, context.now());
      if (!sent) return tl::unexpected(std::move(sent.error()));
      return {};
    });
  };
}

}  // namespace snag
