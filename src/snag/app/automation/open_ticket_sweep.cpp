#include <snag/app/automation/open_ticket_sweep.hpp>

namespace snag {

Result<std::size_t> sweep_open_tickets(Store& store, const Catalog& catalog, std::size_t page_size,
                                       const std::function<Result<bool>(const Ticket&)>& wants,
                                       const std::function<Result<void>(WriteTransaction&, const Ticket&)>& apply,
                                       const std::vector<std::string>& types) {
  std::size_t examined = 0;
  TicketQuery query;
  query.statuses = catalog.open_statuses();
  query.types = types;
  query.sort = TicketSort::created_asc;
  query.limit = page_size;
  while (true) {
    auto page = store.list_tickets(query);
    if (!page) return tl::unexpected(std::move(page.error()));
    examined += page->items.size();
    std::vector<TicketId> chosen;
    for (const Ticket& ticket : page->items) {
      auto wanted = wants(ticket);
      if (!wanted) return tl::unexpected(std::move(wanted.error()));
      if (*wanted) chosen.push_back(ticket.id);
    }
    if (!chosen.empty()) {
      auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
        for (const TicketId id : chosen) {
          auto current = tx.find_ticket(id);
          if (!current) return tl::unexpected(std::move(current.error()));
          if (!*current) continue;
          if (auto applied = apply(tx, **current); !applied) return applied;
        }
        return {};
      });
      if (!written) return tl::unexpected(std::move(written.error()));
    }
    if (!page->next) return examined;
    query.cursor = page->next;
  }
}

}  // namespace snag
