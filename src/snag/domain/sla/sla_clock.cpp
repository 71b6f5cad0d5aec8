#include <snag/domain/sla/business_time.hpp>
#include <snag/domain/sla/sla_clock.hpp>
#include <snag/domain/sla/sla_points.hpp>

namespace snag {

namespace {

std::optional<Timestamp> due_after(const BusinessCalendar* calendar, Timestamp start,
                                   const std::optional<std::chrono::minutes>& target, BusinessDuration stood_still) {
  if (!calendar || !target) return std::nullopt;
  return add_business_time(*calendar, start, *target + stood_still);
}

void push_due_times(const BusinessCalendar& calendar, Ticket& ticket, BusinessDuration stood_still) {
  if (stood_still <= BusinessDuration::zero()) return;
  ticket.sla_paused_for += stood_still;
  if (ticket.resolution_due_at) {
    ticket.resolution_due_at = add_business_time(calendar, *ticket.resolution_due_at, stood_still);
  }
  if (ticket.first_response_due_at && !ticket.first_responded_at) {
    ticket.first_response_due_at = add_business_time(calendar, *ticket.first_response_due_at, stood_still);
  }
}

}  // namespace

const BusinessCalendar* calendar_of(const SlaPolicy& policy, const Ticket& ticket) {
  if (const auto* stored = policy.find_calendar(ticket.sla_calendar)) return stored;
  return policy.calendar_for(ticket.type, ticket.severity, ticket.team, ticket.candidate_geography);
}

void plan_sla_clock(const SlaPolicy& policy, Ticket& ticket) {
  const BusinessCalendar* calendar =
      policy.calendar_for(ticket.type, ticket.severity, ticket.team, ticket.candidate_geography);
  const SlaTargets targets = policy.targets_for(ticket.type, ticket.severity);
  ticket.sla_calendar = calendar ? calendar->name : std::string();
  ticket.resolution_due_at = due_after(calendar, ticket.created_at, targets.resolution, ticket.sla_paused_for);
  if (!ticket.first_responded_at) {
    ticket.first_response_due_at =
        due_after(calendar, ticket.created_at, targets.first_response, ticket.sla_paused_for);
  }
  refresh_sla_next_check(policy, ticket);
}

void advance_sla_clock(const SlaPolicy& policy, const Workflow& workflow, const Ticket& before, Ticket& after,
                       Timestamp now) {
  std::optional<Timestamp> stood_still_since = before.sla_paused_at;
  if (!stood_still_since && workflow.is_done(before.status) && !workflow.is_done(after.status)) {
    stood_still_since = before.resolved_at;
  }
  if (stood_still_since) {
    if (const auto* calendar = calendar_of(policy, before)) {
      push_due_times(*calendar, after, business_time_between(*calendar, *stood_still_since, now));
    }
  }
  after.sla_paused_at = workflow.is_paused(after.status) ? std::optional<Timestamp>(now) : std::nullopt;
  if (!after.first_responded_at && after.status != workflow.initial) after.first_responded_at = now;
  refresh_sla_next_check(policy, after);
}

}  // namespace snag
