#pragma once
// A legal hold: litigation or an investigation needs a candidate's records, or one ticket, kept
// as they are. While a hold is active, retention purges nothing it covers and erasure requests
// against it wait (reported as held) until it is released.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct LegalHold {
  LegalHoldId id;
  // Exactly one of the two: every record about a candidate, or one ticket.
  std::optional<CandidateRef> candidate;
  std::optional<TicketId> ticket;
  std::string reason;
  std::string placed_by;
  Timestamp placed_at;
  std::optional<Timestamp> released_at;
  std::optional<std::string> released_by;
};

bool hold_active(const LegalHold& hold);

// Whether the active hold keeps the candidate's records, or one of these tickets, as they are.
bool hold_covers(const LegalHold& hold, const std::optional<CandidateRef>& candidate,
                 std::span<const TicketId> tickets);

// A reason is required and the hold names exactly one target: errors on `reason`, `candidate`
// or `ticket`.
std::vector<FieldError> validate_hold(const LegalHold& hold);

}  // namespace snag
