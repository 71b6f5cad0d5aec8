#pragma once
// Adoption: who reports hiring problems through Snag. Tickets opened per person and week, per
// team, and the teams far below their peers flagged as needing training: a team that files few
// tickets is more likely working around Snag than free of problems.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <snag/domain/analytics/type_totals.hpp>

namespace snag {

// A team's rate below this share of the teams' median rate flags it.
inline constexpr double k_needs_training_share = 0.5;

struct TeamMember {
  std::string username;
  std::string team;
};

struct PersonAdoption {
  std::string person;
  std::string team;
  std::vector<std::int64_t> weekly;  // tickets opened in each week, oldest first
  std::int64_t tickets = 0;
};

struct TeamAdoption {
  std::string team;
  std::int64_t members = 0;
  std::int64_t tickets = 0;
  double per_member_per_week = 0;
  bool needs_training = false;
};

struct Adoption {
  std::vector<PersonAdoption> people;  // by team, then username
  std::vector<TeamAdoption> teams;     // by team
  double median_per_member_per_week = 0;
};

// `counts` are by reporter (WeekCount::group) for weeks 0 … weeks-1; other weeks, and reporters
// who are not `members` (API keys, the ATS feed, Snag's own rules), are left out. Every member
// is listed, with zeros when they opened nothing. A team needs training when its rate is below
// k_needs_training_share of the median of the teams' rates.
Adoption measure_adoption(std::span<const TeamMember> members, std::span<const WeekCount> counts, std::size_t weeks);

}  // namespace snag
