#include <snag/app/automation/sla_replan.hpp>

#include <snag/domain/sla/sla_points.hpp>

namespace snag {
namespace {

constexpr int k_page_size = 1000;

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
  TicketQuery query;
  query.statuses = catalog.open_statuses();
  query.sort = TicketSort::created_asc;
  query.limit = k_page_size;
  while (true) {
    auto page = store.list_tickets(query);
    if (!page) return tl::unexpected(std::move(page.error()));
    result.examined += page->items.size();
    std::vector<TicketId> stale;
    for (const Ticket& ticket : page->items) {
      if (replanned(catalog, ticket)) stale.push_back(ticket.id);
    }
    if (!stale.empty()) {
      // Read again inside the write: the ticket may have moved on since the page was read.
      auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
        for (const TicketId id : stale) {
          auto current = tx.find_ticket(id);
          if (!current) return tl::unexpected(std::move(current.error()));
          if (!*current) continue;
          const auto after = replanned(catalog, **current);
          if (!after) continue;
          if (auto updated = tx.update_ticket(*after); !updated) return updated;
          ++result.replanned;
        }
        return {};
      });
      if (!written) return tl::unexpected(std::move(written.error()));
    }
    if (!page->next) return result;
    query.cursor = page->next;
  }
}

}  // namespace snag
