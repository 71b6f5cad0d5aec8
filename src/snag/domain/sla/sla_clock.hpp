#pragma once
// The SLA clock on a ticket: due times in business time, set when the ticket is opened and
// recomputed when what chooses them (severity, type, team, candidate) changes; paused while the
// ticket waits in a paused status (pending) and stopped in done statuses.
//
// The rules, in one place:
// - Due time = created_at + target + every stretch of business time the clock stood still,
//   all in the ticket's calendar (SlaPolicy::calendar_for).
// - Pause: entering a paused status records sla_paused_at; leaving it pushes the unmet due
//   times out by the business time spent there (a pending weekend pushes them by nothing).
// - Stop: a done status stops the clock at resolved_at, against which breach is judged.
//   Reopening pushes the due times by the business time spent done, as a pause would: the
//   team is not blamed for the time the ticket counted as solved.
// - First response: the first transition out of the workflow's initial status. Comments do
//   not count: anyone with tickets:write (the reporter's colleagues, ATS automation) may
//   comment, while leaving the initial status is the owning team taking the ticket on.

#include <optional>
#include <string>

#include <snag/domain/sla/sla_policy.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/domain/workflow.hpp>

namespace snag {

// The calendar a ticket's clock runs on: the one stored with it; a ticket stored before
// calendars existed, or whose calendar was removed from the configuration since, gets the one it
// would get now.
const BusinessCalendar* calendar_of(const SlaPolicy& policy, const Ticket& ticket);

// Chooses the calendar and computes the due times from created_at, the targets of the ticket's
// type and severity, and sla_paused_for. A first response already given keeps its due time.
void plan_sla_clock(const SlaPolicy& policy, Ticket& ticket);

// Applies the move from before.status to after.status at `now`: pauses, resumes (pushing the
// due times), and records the first response. `after` is `before` with its new status.
void advance_sla_clock(const SlaPolicy& policy, const Workflow& workflow, const Ticket& before, Ticket& after,
                       Timestamp now);

}  // namespace snag
