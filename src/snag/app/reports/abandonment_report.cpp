#include <snag/app/reports/abandonment_report.hpp>
#include <snag/app/reports/report_query.hpp>

namespace snag {

AbandonmentReportService::AbandonmentReportService(Store& store, const AccessGuard& access)
    : m_store(store), m_access(access) {}

Result<AbandonmentReport> AbandonmentReportService::report(const Actor& actor,
                                                           const AbandonmentReportRequest& request) const {
  // The period selects candidates, not tickets: a candidate's tickets count whenever opened.
  auto query = report_query(m_access, actor, request.from, request.to);
  if (!query) return tl::unexpected(std::move(query.error()));
  query->created_after.reset();
  query->created_before.reset();
  auto counts = m_store.withdrawal_counts(*query, request.from, request.to);
  if (!counts) return tl::unexpected(std::move(counts.error()));
  return AbandonmentReport{counts->all, correlate_withdrawals(*counts)};
}

}  // namespace snag
