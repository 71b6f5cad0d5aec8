#include <algorithm>
#include <numeric>

#include <snag/domain/analytics/ticket_volume.hpp>

namespace snag {
namespace {

constexpr double k_ms_per_hour = 3'600'000.0;

std::string group_of(const Ticket& ticket, VolumeGrouping grouping) {
  switch (grouping) {
    case VolumeGrouping::team: return ticket.team;
    case VolumeGrouping::issue_type: return ticket.type;
    case VolumeGrouping::severity: return std::string(to_string(ticket.severity));
    case VolumeGrouping::assignee: return ticket.assignee.value_or("");
  }
  return {};
}

std::size_t aging_bucket(std::int64_t age_days) {
  if (age_days <= 2) return 0;
  if (age_days <= 7) return 1;
  if (age_days <= 14) return 2;
  if (age_days <= 30) return 3;
  return 4;
}

}  // namespace

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

void TicketVolume::add(const Ticket& ticket, Timestamp now) {
  auto key = group_of(ticket, m_grouping);
  auto& group = m_groups[key];
  group.row.group = std::move(key);
  if (ticket.resolved_at) {
    ++group.row.resolved;
    group.resolution_ms.push_back(std::max<std::int64_t>(0, (*ticket.resolved_at - ticket.created_at).count()));
    return;
  }
  ++group.row.open;
  const auto age_days = std::chrono::floor<std::chrono::days>(now - ticket.created_at).count();
  ++group.row.aging[aging_bucket(age_days)];
}

std::vector<VolumeRow> TicketVolume::rows() const {
  std::vector<VolumeRow> rows;
  for (const auto& [key, group] : m_groups) {
    VolumeRow row = group.row;
    auto durations = group.resolution_ms;
    if (!durations.empty()) {
      const double total = std::accumulate(durations.begin(), durations.end(), 0.0);
      row.mean_hours_to_resolve = total / static_cast<double>(durations.size()) / k_ms_per_hour;
      std::sort(durations.begin(), durations.end());
      const std::size_t middle = durations.size() / 2;
      const double median_ms =
          durations.size() % 2
              ? static_cast<double>(durations[middle])
              : (static_cast<double>(durations[middle - 1]) + static_cast<double>(durations[middle])) / 2;
      row.median_hours_to_resolve = median_ms / k_ms_per_hour;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace snag
