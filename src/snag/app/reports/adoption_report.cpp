#include <snag/app/reports/adoption_report.hpp>
#include <snag/app/reports/report_query.hpp>

namespace snag {

AdoptionReportService::AdoptionReportService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<AdoptionReport> AdoptionReportService::report(const Actor& actor, std::size_t weeks) const {
  if (weeks < 1 || weeks > k_max_adoption_weeks) {
    return fail_validation({{"weeks", "must be between 1 and " + std::to_string(k_max_adoption_weeks)}});
  }
  const Timestamp origin = week_start(m_clock.now()) - std::chrono::weeks(static_cast<int>(weeks) - 1);
  auto query = report_query(m_access, actor, origin, std::nullopt);
  if (!query) return tl::unexpected(std::move(query.error()));
  auto counts = m_store.weekly_counts(*query, origin, WeeklyCountKey::reporter);
  if (!counts) return tl::unexpected(std::move(counts.error()));
  auto users = m_store.list_users();
  if (!users) return tl::unexpected(std::move(users.error()));
  std::vector<TeamMember> members;
  for (const UserRecord& user : *users) {
    if (!user.disabled && user.team) members.push_back({user.username, *user.team});
  }
  AdoptionReport report;
  for (std::size_t week = 0; week < weeks; ++week) report.week_starts.push_back(origin + std::chrono::weeks(week));
  report.adoption = measure_adoption(members, *counts, weeks);
  return report;
}

}  // namespace snag
