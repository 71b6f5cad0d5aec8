#pragma once
// automation.sweep: runs the `schedule` automation rules over every open ticket (see
// app/automation/scheduled_rules.hpp). Running it twice changes nothing twice: a rule acts only
// when its actions change the ticket.
// sla.sweep: escalation, every minute (app/automation/sla_sweep.hpp): breaches, the `sla` rules,
// and suppression windows. Each SLA point acts once per ticket, however often it runs.
// interview.notice: one planned notice of an interview (app/automation/interview_notices.hpp),
// queued by the event that scheduled it; sent only if still due when it runs.

#include <chrono>
#include <string_view>

#include <snag/app/automation/rule_service.hpp>
#include <snag/app/automation/ticket_router.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_automation_sweep_job = "automation.sweep";
inline constexpr std::chrono::minutes k_automation_sweep_every{5};

inline constexpr std::string_view k_sla_sweep_job = "sla.sweep";
inline constexpr std::chrono::minutes k_sla_sweep_every{1};

// The handlers (REQUIRES: catalog and router outlive them). The sweeps run the rules in force
// when they start (the router's rule book).
JobHandler make_automation_sweep_handler(const TicketRouter& router);
JobHandler make_sla_sweep_handler(const TicketRouter& router);
JobHandler make_interview_notice_handler(const Catalog& catalog);
// sla.replan, queued when stored rules move the SLA points (app/automation/sla_replan.hpp): this
// node first installs the newest rules, then re-plans with their points.
JobHandler make_sla_replan_handler(RuleService& rules, const Catalog& catalog);

}  // namespace snag
