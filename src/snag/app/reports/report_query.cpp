#include <snag/app/reports/report_query.hpp>
#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

constexpr int k_report_page_size = 1000;

}  // namespace

Result<TicketQuery> report_query(const AccessGuard& access, const Actor& actor, std::optional<Timestamp> from,
                                 std::optional<Timestamp> to) {
  if (auto allowed = access.require(actor, permission::reports_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (from && to && *to <= *from) return fail_validation({{"to", "must be after from"}});
  auto scope = access.scope(actor);
  if (!scope) return tl::unexpected(std::move(scope.error()));
  TicketQuery query;
  query.scope = std::move(*scope);
  query.created_after = from;
  query.created_before = to;
  return query;
}

Result<void> for_each_ticket(Store& store, TicketQuery query, const std::function<void(const Ticket&)>& visit) {
  query.sort = TicketSort::created_asc;
  query.limit = k_report_page_size;
  while (true) {
    auto page = store.list_tickets(query);
    if (!page) return tl::unexpected(std::move(page.error()));
    for (const Ticket& ticket : page->items) visit(ticket);
    if (!page->next) return {};
    query.cursor = page->next;
  }
}

}  // namespace snag
