#include <snag/domain/ticket.hpp>

namespace snag {

SlaState sla_state(const Ticket& ticket, Timestamp now) {
  SlaState state{ticket.resolution_due_at, false};
  if (ticket.resolution_due_at) {
    const Timestamp measured_at = ticket.resolved_at.value_or(now);
    state.breached = measured_at > *ticket.resolution_due_at;
  }
  return state;
}

}  // namespace snag
