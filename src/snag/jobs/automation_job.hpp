#pragma once
// automation.sweep: runs the `schedule` automation rules over every open ticket (see
// app/automation/scheduled_rules.hpp). Running it twice changes nothing twice: a rule acts only
// when its actions change the ticket.

#include <chrono>
#include <string_view>

#include <snag/domain/automation/rule.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_automation_sweep_job = "automation.sweep";
inline constexpr std::chrono::minutes k_automation_sweep_every{5};

// The handler (REQUIRES: catalog and rules outlive it).
JobHandler make_automation_sweep_handler(const Catalog& catalog, const RuleSet& rules);

}  // namespace snag
