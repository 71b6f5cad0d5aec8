#pragma once
// GET /api/v1/reports/trends: tickets opened per week and issue category over the last weeks,
// with spikes flagged (domain/analytics/weekly_trend.hpp). Weeks run Monday to Monday, UTC; the
// last one is the current, unfinished week. Needs reports:read and counts only the tickets the
// caller may see (app/reports/report_query.hpp).

#include <cstddef>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/analytics/weekly_trend.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

inline constexpr std::size_t k_default_trend_weeks = 12;
inline constexpr std::size_t k_max_trend_weeks = 104;

struct TrendReport {
  std::vector<Timestamp> week_starts;  // of the reported weeks, oldest first
  std::vector<CategoryTrend> categories;
};

class TrendReportService {
 public:
  TrendReportService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access);

  // validation_failed (naming `weeks`) unless 1 ≤ weeks ≤ k_max_trend_weeks.
  Result<TrendReport> report(const Actor& actor, std::size_t weeks) const;

 private:
  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
