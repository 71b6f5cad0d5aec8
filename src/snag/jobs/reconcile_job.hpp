#pragma once
// ats.reconcile: opens a data_sync_mismatch ticket for every reconciliation record that stayed
// unresolved longer than the configured time (see integrations/reconciliation.hpp). Running it
// twice opens nothing twice: a record is linked to its ticket in the same write.

#include <chrono>
#include <string_view>

#include <snag/app/automation/ticket_router.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/jobs/job_runner.hpp>

namespace snag {

inline constexpr std::string_view k_ats_reconcile_job = "ats.reconcile";

// The handler (REQUIRES: catalog, router and policy outlive it).
JobHandler make_ats_reconcile_handler(const Catalog& catalog, const TicketRouter& router, const AtsPolicy& policy);

}  // namespace snag
