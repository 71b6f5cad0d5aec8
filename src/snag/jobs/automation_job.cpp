#include <snag/jobs/automation_job.hpp>

#include <snag/app/automation/scheduled_rules.hpp>
#include <snag/util/log.hpp>

namespace snag {

JobHandler make_automation_sweep_handler(const Catalog& catalog, const RuleSet& rules) {
  return [&catalog, &rules](const Job&, JobContext& context) -> Result<void> {
    auto swept = run_scheduled_rules(context.store(), catalog, rules, context.now());
    if (!swept) return tl::unexpected(std::move(swept.error()));
    if (swept->changed > 0) {
      log_event(spdlog::level::info, "automation rules changed tickets",
                {{"changed", std::to_string(swept->changed)}, {"examined", std::to_string(swept->examined)}});
    }
    return {};
  };
}

}  // namespace snag
