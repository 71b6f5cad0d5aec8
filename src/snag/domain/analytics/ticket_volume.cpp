#include <snag/domain/analytics/ticket_volume.hpp>

namespace snag {

std::size_t aging_bucket_index(std::int64_t age_days) {
  std::size_t bucket = 0;
  while (bucket < k_aging_bucket_last_days.size() && age_days > k_aging_bucket_last_days[bucket]) ++bucket;
  return bucket;
}

std::optional<VolumeGrouping> parse_volume_grouping(std::string_view text) {
  if (text == "team") return VolumeGrouping::team;
  if (text == "type") return VolumeGrouping::issue_type;
  if (text == "severity") return VolumeGrouping::severity;
  if (text == "assignee") return VolumeGrouping::assignee;
  return std::nullopt;
}

std::string_view to_string(VolumeGrouping grouping) {
  switch (grouping) {
    case VolumeGrouping::team: return "team";
    case VolumeGrouping::issue_type: return "type";
    case VolumeGrouping::severity: return "severity";
    case VolumeGrouping::assignee: return "assignee";
  }
  return "team";
}

}  // namespace snag
