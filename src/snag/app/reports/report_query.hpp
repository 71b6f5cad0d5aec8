#pragma once
// What every report starts from: the caller may read reports, and counts only the tickets the
// caller may see (the scope every list uses), opened in the period.

#include <functional>
#include <optional>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/ticket_query.hpp>

namespace snag {

// permission_denied without reports:read; validation_failed (naming `to`) when both ends are
// given and the period is empty or reversed.
Result<TicketQuery> report_query(const AccessGuard& access, const Actor& actor, std::optional<Timestamp> from,
                                 std::optional<Timestamp> to);

// Calls `visit` with every ticket `query` selects, in creation order, a page at a time: for the
// reports that need whole tickets (SLA adherence, volume).
Result<void> for_each_ticket(Store& store, TicketQuery query, const std::function<void(const Ticket&)>& visit);

}  // namespace snag
