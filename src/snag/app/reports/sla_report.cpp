#include <snag/app/reports/sla_report.hpp>

#include <snag/app/reports/report_query.hpp>

namespace snag {
namespace {

constexpr int k_page_size = 1000;

}  // namespace

SlaReportService::SlaReportService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<std::vector<SlaAdherenceRow>> SlaReportService::report(const Actor& actor,
                                                               const SlaReportRequest& request) const {
  auto scoped = report_query(m_access, actor, request.from, request.to);
  if (!scoped) return tl::unexpected(std::move(scoped.error()));
  TicketQuery query = std::move(*scoped);
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
