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
  const auto apply = [&](WriteTransaction& tx, const Ticket& current) -> Result<void> {
    const auto after = replanned(catalog, current);
    if (!after) return {};
    if (auto updated = tx.update_ticket(*after); !updated) return updated;
    ++result.replanned;
    return {};
  };
  auto examined = sweep_open_tickets(store, catalog, k_replan_page_size, wants, apply);
  if (!examined) return tl::unexpected(std::move(examined.error()));
  result.examined = *examined;
  return result;
}

}  // namespace snag
