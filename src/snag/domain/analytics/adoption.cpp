#include <algorithm>
#include <map>

#include <snag/domain/analytics/adoption.hpp>

namespace snag {
namespace {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace

Adoption measure_adoption(std::span<const TeamMember> members, std::span<const WeekCount> counts, std::size_t weeks) {
  std::map<std::string, PersonAdoption> people;  // by username
  for (const TeamMember& member : members) {
    people.try_emplace(member.username,
                       PersonAdoption{member.username, member.team, std::vector<std::int64_t>(weeks, 0), 0});
  }
  for (const WeekCount& count : counts) {
    const auto found = people.find(count.group);
    if (found == people.end() || count.week < 0 || count.week >= static_cast<std::int64_t>(weeks)) continue;
    found->second.weekly[static_cast<std::size_t>(count.week)] += count.tickets;
    found->second.tickets += count.tickets;
  }

  Adoption adoption;
  std::map<std::string, TeamAdoption> teams;
  for (auto& [username, person] : people) {
    TeamAdoption& team = teams[person.team];
    team.team = person.team;
    ++team.members;
    team.tickets += person.tickets;
    adoption.people.push_back(std::move(person));
  }
  std::stable_sort(adoption.people.begin(), adoption.people.end(),
                   [](const PersonAdoption& a, const PersonAdoption& b) { return a.team < b.team; });
  std::vector<double> rates;
  for (auto& [code, team] : teams) {
    const auto member_weeks = static_cast<double>(team.members) * static_cast<double>(weeks);
    team.per_member_per_week = member_weeks == 0 ? 0 : static_cast<double>(team.tickets) / member_weeks;
    rates.push_back(team.per_member_per_week);
  }
  adoption.median_per_member_per_week = median(rates);
  for (auto& [code, team] : teams) {
    team.needs_training = team.per_member_per_week < k_needs_training_share * adoption.median_per_member_per_week;
    adoption.teams.push_back(std::move(team));
  }
  return adoption;
}

}  // namespace snag
