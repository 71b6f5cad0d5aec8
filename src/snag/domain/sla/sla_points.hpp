#pragma once
// When a ticket's SLA points fall (sla_policy.hpp: SlaPoint), which have passed, and when the
// next one is due, so that the escalation sweep reads only the tickets it has work for
// (Ticket::sla_next_check_at, indexed) instead of every open ticket.
//
// A point falls in the ticket's calendar: "75%" is created_at plus 75% of the resolution target
// plus the business time the clock stood still; the breaches are the due times themselves.
// Nothing falls while the clock is paused or stopped: the next check is cleared then, and set
// again when the clock runs (plan_sla_clock, advance_sla_clock). Each point passes once per
// ticket: its name goes into Ticket::sla_fired.

#include <optional>
#include <vector>

#include <snag/domain/sla/sla_policy.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

// When the point falls on the ticket; nullopt when it cannot (no target, no calendar, the first
// response already given).
std::optional<Timestamp> sla_point_time(const SlaPolicy& policy, const Ticket& ticket, const SlaPoint& point);

struct DueSlaPoint {
  NamedSlaPoint point;
  Timestamp at;
};

// The points fallen by `now` that the ticket has not passed yet, earliest first: the two
// breaches and the policy's escalation points. Empty while the clock is paused or stopped.
std::vector<DueSlaPoint> due_sla_points(const SlaPolicy& policy, const Ticket& ticket, Timestamp now);

// Sets ticket.sla_next_check_at to the earliest point not yet passed, or clears it.
void refresh_sla_next_check(const SlaPolicy& policy, Ticket& ticket);

}  // namespace snag
