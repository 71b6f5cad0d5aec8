#pragma once
// The executive summary of a period (by default the week before the report): open volume, what
// was opened and resolved, time to resolution, the resolution target's adherence
// (domain/analytics/period_summary.hpp), the issue types that opened most tickets (the Pareto
// report's head) and the weeks that spiked (the trend report). Needs reports:read and counts
// only the tickets the caller may see; nothing personal is read out or returned.

#include <cstdint>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/app/reports/pareto_report.hpp>
#include <snag/app/reports/trend_report.hpp>
#include <snag/domain/analytics/period_summary.hpp>

namespace snag {

// How many of the Pareto ranking's types the summary names.
inline constexpr std::size_t k_summary_top_types = 3;

struct CategorySpike {
  std::string category;
  Timestamp week_start;  // Monday 00:00 UTC
  std::int64_t tickets = 0;
};

struct ExecutiveSummary {
  PeriodSummary period;               // [since, generation time)
  std::vector<ParetoItem> top_types;  // by tickets opened in the period, at most k_summary_top_types
  std::vector<CategorySpike> spikes;  // in the weeks the period touches, oldest first
};

class ExecutiveSummaryService {
 public:
  ExecutiveSummaryService(Store& store, const Clock& clock, const AccessGuard& access,
                          const ParetoReportService& pareto, const TrendReportService& trends);

  // permission_denied without reports:read; validation_failed (naming `since`) unless it lies
  // before now and at most k_max_trend_weeks weeks back.
  Result<ExecutiveSummary> report(const Actor& actor, Timestamp since) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
  const ParetoReportService& m_pareto;
  const TrendReportService& m_trends;
};

}  // namespace snag
