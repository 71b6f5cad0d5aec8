#include <snag/app/reports/report_query.hpp>
#include <snag/app/reports/trend_report.hpp>

namespace snag {

TrendReportService::TrendReportService(Store& store, const Catalog& catalog, const Clock& clock,
                                       const AccessGuard& access)
    : m_store(store), m_catalog(catalog), m_clock(clock), m_access(access) {}

Result<TrendReport> TrendReportService::report(const Actor& actor, std::size_t weeks) const {
  if (weeks < 1 || weeks > k_max_trend_weeks) {
    return fail_validation({{"weeks", "must be between 1 and " + std::to_string(k_max_trend_weeks)}});
  }
  const Timestamp current_week = week_start(m_clock.now());
  const auto weeks_back = static_cast<int>(weeks - 1 + k_spike_baseline_weeks);
  const Timestamp origin = current_week - std::chrono::weeks(weeks_back);
  auto query = report_query(m_access, actor, origin, std::nullopt);
  if (!query) return tl::unexpected(std::move(query.error()));
  auto counts = m_store.weekly_counts(*query, origin, WeeklyCountKey::type);
  if (!counts) return tl::unexpected(std::move(counts.error()));

  std::vector<CategoryWeekCount> by_category;
  for (const auto& count : *counts) {
    if (count.week < 0) continue;
    // A type the catalog no longer knows keeps its own name as its category.
    const IssueType* type = m_catalog.find_issue_type(count.group);
    by_category.push_back({type ? type->category : count.group, static_cast<std::size_t>(count.week), count.tickets});
  }
  TrendReport report;
  for (std::size_t week = 0; week < weeks; ++week) {
    report.week_starts.push_back(origin + std::chrono::weeks(k_spike_baseline_weeks + week));
  }
  report.categories = weekly_trends(by_category, weeks);
  return report;
}

}  // namespace snag
