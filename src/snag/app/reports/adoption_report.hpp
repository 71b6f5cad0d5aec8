#pragma once
// GET /api/v1/reports/adoption: tickets opened per person and week over the last weeks, per
// team, with the teams far below their peers flagged as needing training
// (domain/analytics/adoption.hpp). People are the enabled users with a team; weeks run Monday to
// Monday, UTC, the last being the current one. Needs reports:read and counts only the tickets the
// caller may see (app/reports/report_query.hpp).

#include <cstddef>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/analytics/adoption.hpp>

namespace snag {

inline constexpr std::size_t k_default_adoption_weeks = 12;
inline constexpr std::size_t k_max_adoption_weeks = 52;

struct AdoptionReport {
  std::vector<Timestamp> week_starts;  // oldest first
  Adoption adoption;
};

class AdoptionReportService {
 public:
  AdoptionReportService(Store& store, const Clock& clock, const AccessGuard& access);

  // validation_failed (naming `weeks`) unless 1 ≤ weeks ≤ k_max_adoption_weeks.
  Result<AdoptionReport> report(const Actor& actor, std::size_t weeks) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
