#include <cmath>
#include <map>

#include <snag/domain/analytics/weekly_trend.hpp>

namespace snag {

bool is_spike(const std::vector<std::int64_t>& baseline, std::int64_t count) {
  if (count < k_spike_min_tickets) return false;
  double mean = 0;
  for (const auto tickets : baseline) mean += static_cast<double>(tickets);
  if (!baseline.empty()) mean /= static_cast<double>(baseline.size());
  double variance = 0;
  for (const auto tickets : baseline)
    variance += (static_cast<double>(tickets) - mean) * (static_cast<double>(tickets) - mean);
  if (!baseline.empty()) variance /= static_cast<double>(baseline.size());
  const auto value = static_cast<double>(count);
  return value > 2 * mean && value > mean + 3 * std::sqrt(variance);
}

std::vector<CategoryTrend> weekly_trends(const std::vector<CategoryWeekCount>& counts, std::size_t weeks) {
  const std::size_t span = k_spike_baseline_weeks + weeks;
  std::map<std::string, std::vector<std::int64_t>> per_category;
  for (const auto& count : counts) {
    if (count.week >= span) continue;
    auto& series = per_category[count.category];
    series.resize(span, 0);
    series[count.week] += count.tickets;
  }
  std::vector<CategoryTrend> trends;
  for (const auto& [category, series] : per_category) {
    CategoryTrend trend;
    trend.category = category;
    for (std::size_t week = k_spike_baseline_weeks; week < span; ++week) {
      const std::vector<std::int64_t> baseline(
          series.begin() + static_cast<std::ptrdiff_t>(week - k_spike_baseline_weeks),
          series.begin() + static_cast<std::ptrdiff_t>(week));
      trend.tickets.push_back(series[week]);
      trend.spikes.push_back(is_spike(baseline, series[week]));
    }
    trends.push_back(std::move(trend));
  }
  return trends;
}

}  // namespace snag
