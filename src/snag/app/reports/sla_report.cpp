#include <snag/app/reports/sla_report.hpp>

#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

constexpr int k_page_size = 1000;

}  // namespace

SlaReportService::SlaReportService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<std::vector<SlaAdherenceRow>> SlaReportService::report(const Actor& actor,
                                                               const SlaReportRequest& request) const {
  if (auto allowed = m_access.require(actor, permission::reports_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (request.to <= request.from) return fail_validation({{"to", "must be after from"}});
  auto scope = m_access.scope(actor);
  if (!scope) return tl::unexpected(std::move(scope.error()));
  TicketQuery query;
  query.scope = std::move(*scope);
  query.created_after = request.from;
  query.created_before = request.to;
  query.sort = TicketSort::created_asc;
  query.limit = k_page_size;
  const Timestamp now = m_clock.now();
  SlaAdherence adherence(request.grouping);
  while (true) {
    auto page = m_store.list_tickets(query);
    if (!page) return tl::unexpected(std::move(page.error()));
    for (const Ticket& ticket : page->items) adherence.add(ticket, now);
    if (!page->next) return adherence.rows();
    query.cursor = page->next;
  }
}

}  // namespace snag
