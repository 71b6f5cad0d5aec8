#pragma once
// What every report starts from: the caller may read reports, and counts only the tickets the
// caller may see (the scope every list uses), opened in the period.

#include <optional>

#include <snag/app/access/access_guard.hpp>
#include <snag/domain/ticket_query.hpp>

namespace snag {

// permission_denied without reports:read; validation_failed (naming `to`) when both ends are
// given and the period is empty or reversed.
Result<TicketQuery> report_query(const AccessGuard& access, const Actor& actor, std::optional<Timestamp> from,
                                 std::optional<Timestamp> to);

}  // namespace snag
