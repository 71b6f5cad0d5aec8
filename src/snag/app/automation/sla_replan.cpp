#include <snag/app/automation/sla_replan.hpp>

#include <snag/app/automation/open_ticket_sweep.hpp>
#include <snag/domain/sla/sla_points.hpp>

namespace snag {
namespace {

constexpr std::size_t k_replan_page_size = 1000;

// The ticket with its next check planned from the points in force; nullopt when that changes
// nothing.
std::optional<Ticket> replanned(const Catalog& catalog, const Ticket& ticket) {
  Ticket after = ticket;
  refresh_sla_next_check(catalog.sla, after);
  if (after.sla_next_check_at == ticket.sla_next_check_at) return std::nullopt;
  return after;
}

}  // namespace

Result<SlaReplanResult> replan_sla_checks(Store& store, const Catalog& catalog) {
  SlaReplanResult result;
  const auto wants = [&](const Ticket& ticket) -> Result<bool> { return replanned(catalog, ticket).has_value(); };
  const auto apply = [&](WriteTransaction& tx, const Ticket& current) -> Result<bool> {
    const auto after = replanned(catalog, current);
    if (!after) return false;
    if (auto updated = tx.update_ticket(*after); !updated) return tl::unexpected(std::move(updated.error()));
    return true;
  };
  auto swept = sweep_open_tickets(store, catalog, k_replan_page_size, wants, apply);
  if (!swept) return tl::unexpected(std::move(swept.error()));
  result.examined = swept->examined;
  result.replanned = swept->changed;
  return result;
}

}  // namespace snag
