#pragma once
// The SLA sweep: escalation. It reads only the tickets whose next SLA point has fallen
// (Store::tickets_due_for_sla over Ticket::sla_next_check_at) and, for each point passed:
// - a breach (resolution or first response) is journaled as an `sla_breach` event;
// - an `sla` rule (domain/automation/rule.hpp) acts, journaled as `escalate` with the rule's
//   name and whom it notified, unless a suppression window covers the ticket: then it is
//   recorded as held (`escalation_suppressed` in the journal, a row of the window).
// The point goes into Ticket::sla_fired in the same write, so however often the sweep runs, and
// on however many nodes, a point acts once. Windows that have ended are settled first: their
// held escalations fire once (the rule's conditions checked again) or are dropped.

#include <cstddef>

#include <snag/app/automation/ticket_router.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

struct SlaSweepResult {
  std::size_t tickets = 0;      // tickets with a point due
  std::size_t breaches = 0;     // breach events journaled
  std::size_t escalations = 0;  // sla rules that acted
  std::size_t suppressed = 0;   // escalations a window held back
  std::size_t released = 0;     // held escalations fired at their window's end
  std::size_t dropped = 0;      // held escalations dropped at their window's end
};

// One write per ticket, in rounds of a few hundred, until no ticket is due at `now`. A ticket
// whose write fails is reported and left for the next sweep; the others go on.
Result<SlaSweepResult> run_sla_sweep(Store& store, const TicketRouter& router, Timestamp now);

}  // namespace snag
