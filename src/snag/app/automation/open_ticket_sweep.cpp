#include <snag/app/automation/open_ticket_sweep.hpp>

namespace snag {

Result<SweepCounts> sweep_open_tickets(Store& store, const Catalog& catalog, std::size_t page_size,
                                       const std::function<Result<bool>(const Ticket&)>& wants,
                                       const std::function<Result<bool>(WriteTransaction&, const Ticket&)>& apply,
                                       const std::vector<std::string>& types) {
  SweepCounts counts;
  TicketQuery query;
  query.statuses = catalog.open_statuses();
  query.types = types;
  query.sort = TicketSort::created_asc;
  query.limit = page_size;
  while (true) {
    auto page = store.list_tickets(query);
    if (!page) return tl::unexpected(std::move(page.error()));
    counts.examined += page->items.size();
    std::vector<TicketId> chosen;
    for (const Ticket& ticket : page->items) {
      auto wanted = wants(ticket);
      if (!wanted) return tl::unexpected(std::move(wanted.error()));
      if (*wanted) chosen.push_back(ticket.id);
    }
    if (!chosen.empty()) {
      std::size_t changed = 0;
      auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
        changed = 0;
        for (const TicketId id : chosen) {
          auto current = tx.find_ticket(id);
          if (!current) return tl::unexpected(std::move(current.error()));
          if (!*current) continue;
          auto applied = apply(tx, **current);
          if (!applied) return tl::unexpected(std::move(applied.error()));
          if (*applied) ++changed;
        }
        return {};
      });
      if (!written) return tl::unexpected(std::move(written.error()));
      counts.changed += changed;
    }
    if (!page->next) return counts;
    query.cursor = page->next;
  }
}

}  // namespace snag
