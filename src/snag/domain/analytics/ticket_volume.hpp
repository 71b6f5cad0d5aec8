#pragma once
// Open volume, time to resolution and aging, per team, issue type, severity or assignee: the
// figures of a support lead's dashboard. The store sums them in one aggregate
// (Store::ticket_volume); this says what they are.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/ticket.hpp>

namespace snag {

enum class VolumeGrouping { team, issue_type, severity, assignee };
std::optional<VolumeGrouping> parse_volume_grouping(std::string_view text);  // team, type, severity, assignee
std::string_view to_string(VolumeGrouping grouping);

// The age buckets of open tickets, in whole days since opening: 0–2, 3–7, 8–14, 15–30, over 30.
inline constexpr std::array<std::string_view, 5> k_aging_buckets{"0-2", "3-7", "8-14", "15-30", ">30"};
// The last whole day of each bucket but the open-ended last one.
inline constexpr std::array<std::int64_t, 4> k_aging_bucket_last_days{2, 7, 14, 30};

// The index into k_aging_buckets of an age in whole days (a negative age is 0).
std::size_t aging_bucket_index(std::int64_t age_days);

struct VolumeRow {
  std::string group;  // "" for the tickets nobody is assigned (assignee grouping)
  std::int64_t open = 0;
  std::int64_t resolved = 0;
  // Over the resolved tickets, opening to resolution; nullopt when none is resolved. The median
  // of an even count is the mean of the middle two.
  std::optional<double> mean_hours_to_resolve;
  std::optional<double> median_hours_to_resolve;
  std::array<std::int64_t, k_aging_buckets.size()> aging{};  // open tickets per bucket
};

}  // namespace snag
