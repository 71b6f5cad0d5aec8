#pragma once
// GET /api/v1/reports/pareto: the issue types ranked by how many tickets they opened, or by the
// candidate delay they caused (domain/analytics/type_totals.hpp), with each type's share, the
// running share, and the type at which 80% is reached (domain/analytics/pareto.hpp). Needs
// reports:read and counts only the tickets the caller may see, by the scope every list uses;
// nothing personal is read or returned.

#include <optional>
#include <string_view>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/analytics/pareto.hpp>

namespace snag {

enum class ParetoMeasure { count, delay };  // tickets, or candidate delay in hours

std::string_view to_string(ParetoMeasure measure);
std::optional<ParetoMeasure> parse_pareto_measure(std::string_view text);

struct ParetoReportRequest {
  ParetoMeasure measure = ParetoMeasure::count;
  std::optional<Timestamp> from;  // opened at or after; every ticket when absent
  std::optional<Timestamp> to;    // opened before
};

class ParetoReportService {
 public:
  ParetoReportService(Store& store, const Clock& clock, const AccessGuard& access);

  // validation_failed (naming `to`) when the period is empty or reversed.
  Result<Pareto> report(const Actor& actor, const ParetoReportRequest& request) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
