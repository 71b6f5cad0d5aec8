#include <snag/domain/ticket.hpp>

namespace snag {

SlaState sla_state(const Ticket& ticket, Timestamp now) {
  SlaState state;
  state.resolution_due_at = ticket.resolution_due_at;
  state.first_response_due_at = ticket.first_response_due_at;
  state.first_responded_at = ticket.first_responded_at;
  state.paused = ticket.sla_paused_at.has_value();
  state.calendar = ticket.sla_calendar;
  const Timestamp clock_now = ticket.sla_paused_at.value_or(now);
  if (ticket.resolution_due_at) {
    state.breached = ticket.resolved_at.value_or(clock_now) > *ticket.resolution_due_at;
  }
  if (ticket.first_response_due_at) {
    state.first_response_breached = ticket.first_responded_at.value_or(clock_now) > *ticket.first_response_due_at;
  }
  return state;
}

}  // namespace snag
