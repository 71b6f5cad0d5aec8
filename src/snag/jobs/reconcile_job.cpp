#include <snag/jobs/reconcile_job.hpp>

#include <snag/integrations/reconciliation.hpp>
#include <snag/util/log.hpp>

namespace snag {

JobHandler make_ats_reconcile_handler(const Catalog& catalog, const TicketRouter& router, const AtsPolicy& policy) {
  return [&catalog, &router, &policy](const Job&, JobContext& context) -> Result<void> {
    auto opened = open_mismatch_tickets(context.store(), catalog, router, policy, context.now());
    if (!opened) return tl::unexpected(std::move(opened.error()));
    if (*opened > 0) {
      log_event(spdlog::level::info, "data sync mismatch tickets opened", {{"count", std::to_string(*opened)}});
    }
    return {};
  };
}

}  // namespace snag
