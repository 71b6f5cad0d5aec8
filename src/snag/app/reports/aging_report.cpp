#include <snag/app/reports/aging_report.hpp>
#include <snag/app/reports/report_query.hpp>

namespace snag {

AgingReportService::AgingReportService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<AgingReport> AgingReportService::report(const Actor& actor, std::optional<Timestamp> since) const {
  const Timestamp now = m_clock.now();
  auto query = report_query(m_access, actor, since, std::nullopt);
  if (!query) return tl::unexpected(std::move(query.error()));
  if (since && *since > now) return fail_validation({{"since", "must not be in the future"}});
  OpenTicketAging aging;
  auto read = for_each_ticket(m_store, std::move(*query), [&](const Ticket& ticket) { aging.add(ticket, now); });
  if (!read) return tl::unexpected(std::move(read.error()));
  AgingReport report;
  report.since = since;
  report.generated_at = now;
  report.rows = aging.rows();
  report.total = aging.total();
  return report;
}

}  // namespace snag
