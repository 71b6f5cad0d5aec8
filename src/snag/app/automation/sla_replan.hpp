#pragma once
// When the `sla` rules change (PUT /api/v1/rules), the escalation points of open tickets move:
// a ticket planned to be looked at on its breach may now have a point at 50% before it. The
// re-plan sets every open ticket's next SLA check (Ticket::sla_next_check_at) from the points
// in force, so that the SLA sweep reads each ticket when its new first point falls. Points a
// ticket has passed stay passed. Nothing a user sees changes: no version, no journal entry.

#include <cstddef>

#include <snag/app/ports/store.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct SlaReplanResult {
  std::size_t examined = 0;
  std::size_t replanned = 0;
};

Result<SlaReplanResult> replan_sla_checks(Store& store, const Catalog& catalog);

}  // namespace snag
