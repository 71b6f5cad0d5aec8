#pragma once
// GET /api/v1/reports/volume: open tickets, time to resolution and the aging of what is open,
// per team, issue type, severity or assignee (domain/analytics/ticket_volume.hpp). Needs
// reports:read and counts only the tickets the caller may see (app/reports/report_query.hpp);
// the store sums it in the database (Store::ticket_volume), so nothing personal is read out.

#include <optional>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/analytics/ticket_volume.hpp>

namespace snag {

struct VolumeReportRequest {
  VolumeGrouping grouping = VolumeGrouping::team;
  std::optional<Timestamp> from;  // opened at or after; every ticket when absent
  std::optional<Timestamp> to;    // opened before
};

class VolumeReportService {
 public:
  VolumeReportService(Store& store, const Clock& clock, const AccessGuard& access);

  // validation_failed (naming `to`) when the period is empty or reversed.
  Result<std::vector<VolumeRow>> report(const Actor& actor, const VolumeReportRequest& request) const;

 private:
  Store& m_store;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
