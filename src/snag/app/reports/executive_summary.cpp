#include <snag/app/reports/executive_summary.hpp>
#include <snag/app/reports/report_query.hpp>

namespace snag {
ExecutiveSummaryService::ExecutiveSummaryService(Store& store, const Clock& clock, const AccessGuard& access,
                                                 const ParetoReportService& pareto, const TrendReportService& trends)
    : m_store(store), m_clock(clock), m_access(access), m_pareto(pareto), m_trends(trends) {}

Result<ExecutiveSummary> ExecutiveSummaryService::report(const Actor& actor, Timestamp since) const {
  const Timestamp now = m_clock.now();
  // Every ticket counts, not only those opened in the period: one opened before may be
  // resolved in it, or still open at its end.
  auto query = report_query(m_access, actor, std::nullopt, std::nullopt);
  if (!query) return tl::unexpected(std::move(query.error()));
  if (since >= now) return fail_validation({{"since", "must be before now"}});
  const auto weeks = static_cast<std::size_t>((week_start(now) - week_start(since)) / std::chrono::weeks(1)) + 1;
  if (weeks > k_max_trend_weeks) {
    return fail_validation({{"since", "must be at most " + std::to_string(k_max_trend_weeks) + " weeks back"}});
  }

  PeriodSummaryBuilder period(since, now);
  auto read = for_each_ticket(m_store, std::move(*query), [&](const Ticket& ticket) { period.add(ticket); });
  if (!read) return tl::unexpected(std::move(read.error()));

  ParetoReportRequest pareto_request;
  pareto_request.from = since;
  pareto_request.to = now;
  auto pareto = m_pareto.report(actor, pareto_request);
  if (!pareto) return tl::unexpected(std::move(pareto.error()));
  auto trends = m_trends.report(actor, weeks);
  if (!trends) return tl::unexpected(std::move(trends.error()));

  ExecutiveSummary summary;
  summary.period = period.summary();
  for (const ParetoItem& item : pareto->items) {
    if (summary.top_types.size() == k_summary_top_types || item.value <= 0) break;
    summary.top_types.push_back(item);
  }
  for (std::size_t week = 0; week < trends->week_starts.size(); ++week) {
    for (const CategoryTrend& trend : trends->categories) {
      if (trend.spikes[week])
        summary.spikes.push_back({trend.category, trends->week_starts[week], trend.tickets[week]});
    }
  }
  return summary;
}

}  // namespace snag
