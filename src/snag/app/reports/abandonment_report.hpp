#pragma once
// GET /api/v1/reports/abandonment: per issue type, the withdrawal rate of the candidates who had
// a ticket of the type against those who had none (domain/analytics/withdrawal_correlation.hpp).
// The candidates are those that entered Snag in the period; a withdrawal is an ATS
// application.withdrawn event (Greenhouse: a rejection of type "They rejected us"). Needs
// reports:read; per type, only the tickets the caller may see count.

#include <optional>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/analytics/withdrawal_correlation.hpp>

namespace snag {

struct AbandonmentReportRequest {
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
};

struct AbandonmentReport {
  WithdrawalTally all;
  std::vector<WithdrawalCorrelation> types;
};

class AbandonmentReportService {
 public:
  AbandonmentReportService(Store& store, const AccessGuard& access);

  // permission_denied without reports:read; validation_failed (naming `to`) for an empty period.
  Result<AbandonmentReport> report(const Actor& actor, const AbandonmentReportRequest& request) const;

 private:
  Store& m_store;
  const AccessGuard& m_access;
};

}  // namespace snag
