#pragma once
// Weekly ticket counts per issue category, with the weeks that spike above their recent
// baseline flagged: is a kind of problem suddenly recurring? Pure: the store counts tickets
// per type and week, the caller maps types to categories.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace snag {

// A week is compared with the weeks just before it. It spikes when its count is at least
// k_spike_min_tickets, more than twice the baseline's mean, and more than the mean plus three
// standard deviations: a quiet category going from 0 to 2 is not a spike, nor is a noisy one
// moving within its usual range.
inline constexpr std::size_t k_spike_baseline_weeks = 4;
inline constexpr std::int64_t k_spike_min_tickets = 5;

bool is_spike(const std::vector<std::int64_t>& baseline, std::int64_t count);

struct CategoryWeekCount {
  std::string category;
  std::size_t week = 0;  // 0 is the first baseline week
  std::int64_t tickets = 0;
};

struct CategoryTrend {
  std::string category;
  std::vector<std::int64_t> tickets;  // one per reported week, oldest first
  std::vector<bool> spikes;           // likewise
};

// `counts` cover k_spike_baseline_weeks + `weeks` weeks (several entries of one category and
// week add up); the trend reports the last `weeks` of them, each judged against the
// k_spike_baseline_weeks before it. One trend per category that has a ticket in any of those
// weeks, ordered by category.
std::vector<CategoryTrend> weekly_trends(const std::vector<CategoryWeekCount>& counts, std::size_t weeks);

}  // namespace snag
