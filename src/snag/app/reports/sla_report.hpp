#pragma once
// GET /api/v1/reports/sla: SLA adherence (domain/sla/sla_adherence.hpp) of the tickets opened in
// a period, per team, issue type or severity. Needs reports:read and counts only the tickets
// the caller may see, by the same scope as every list; nothing personal is read or returned,
// so it is not a view in the access log.

#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/sla/sla_adherence.hpp>

namespace snag {

struct SlaReportRequest {
  SlaGrouping grouping = SlaGrouping::team;
  Timestamp from;  // opened at or after
  Timestamp to;    // opened before
};

class SlaReportService {
 public:
  SlaReportService(Store& store, const Clock& clock, const AccessGuard& access);

  // validation_failed (naming `to`) when the period is empty or reversed.
  Result<std::vector<SlaAdherenceRow>> report(const Actor& actor, const SlaReportRequest& request) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
