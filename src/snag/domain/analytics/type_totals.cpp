#include <algorithm>

#include <snag/domain/analytics/type_totals.hpp>

namespace snag {

std::chrono::milliseconds candidate_delay(const Ticket& ticket, Timestamp now) {
  if (!ticket.candidate) return std::chrono::milliseconds{0};
  const Timestamp end = ticket.resolved_at.value_or(now);
  return std::max(std::chrono::milliseconds{0},
                  std::chrono::duration_cast<std::chrono::milliseconds>(end - ticket.created_at));
}

}  // namespace snag
