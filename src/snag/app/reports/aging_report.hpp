#pragma once
// The weekly aging report: the open tickets per team and issue type by age bucket, with each
// group's oldest ticket (domain/analytics/open_ticket_aging.hpp). Needs reports:read and counts
// only the tickets the caller may see (app/reports/report_query.hpp). It names tickets by key
// alone: no titles, descriptions or candidates, so it may be mailed.

#include <optional>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/analytics/open_ticket_aging.hpp>

namespace snag {

struct AgingReport {
  std::optional<Timestamp> since;  // tickets opened at or after; every open ticket when absent
  Timestamp generated_at;          // ages are counted to this time
  std::vector<AgingGroupRow> rows;
  AgingGroupRow total;
};

class AgingReportService {
 public:
  AgingReportService(Store& store, const Clock& clock, const AccessGuard& access);

  // permission_denied without reports:read; validation_failed (naming `since`) when it lies in
  // the future.
  Result<AgingReport> report(const Actor& actor, std::optional<Timestamp> since) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
