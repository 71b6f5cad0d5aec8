#include <snag/domain/compliance/legal_hold.hpp>

#include <algorithm>

namespace snag {

bool hold_active(const LegalHold& hold) { return !hold.released_at.has_value(); }

bool hold_covers(const LegalHold& hold, const std::optional<CandidateRef>& candidate,
                 std::span<const TicketId> tickets) {
  if (!hold_active(hold)) return false;
  if (hold.candidate) return candidate && *hold.candidate == *candidate;
  return hold.ticket && std::find(tickets.begin(), tickets.end(), *hold.ticket) != tickets.end();
}

std::vector<FieldError> validate_hold(const LegalHold& hold) {
  std::vector<FieldError> errors;
  if (hold.reason.empty()) errors.push_back({"reason", "is required: say why the records must be kept"});
  if (hold.reason.size() > 2000) errors.push_back({"reason", "at most 2000 characters"});
  if (hold.candidate.has_value() == hold.ticket.has_value()) {
    errors.push_back({hold.candidate ? "ticket" : "candidate", "give either a candidate or a ticket, not both"});
  }
  if (hold.candidate) {
    for (auto& error : validate_candidate_ref(*hold.candidate, "candidate.")) errors.push_back(std::move(error));
  }
  return errors;
}

}  // namespace snag
