#pragma once
// When the ATS feeds disagree for too long: a reconciliation record (a candidate Snag had never
// seen, say) still unresolved after the configured time opens a ticket for the HRIS team.

#include <cstddef>

#include <snag/app/automation/ticket_router.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

// Opens one mismatch ticket per overdue reconciliation and links it; returns how many opened.
Result<std::size_t> open_mismatch_tickets(Store& store, const Catalog& catalog, const TicketRouter& router,
                                          const AtsPolicy& policy, Timestamp now);

}  // namespace snag
