#pragma once
// The executive summary's ticket figures for a period [from, to): what is open at its end, what
// was opened and resolved in it, how long the resolved ones took, and how the resolution target
// fared. Pure: fed every ticket the reader may see, whenever it was opened.

#include <cstdint>
#include <optional>
#include <vector>

#include <snag/domain/sla/sla_adherence.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

struct PeriodSummary {
  Timestamp from;
  Timestamp to;
  std::int64_t open = 0;      // opened before `to` and not resolved
  std::int64_t opened = 0;    // opened in the period
  std::int64_t resolved = 0;  // resolved in the period, whenever opened
  // Opening to resolution over the tickets resolved in the period; nullopt when none was. The
  // median of an even count is the mean of the middle two.
  std::optional<double> mean_hours_to_resolve;
  std::optional<double> median_hours_to_resolve;
  // The resolution target of the tickets resolved in the period (met or breached) and of the
  // open ones (breached once past due, running before); tickets without a target count nowhere.
  TargetTally resolution_target;
};

class PeriodSummaryBuilder {
 public:
  PeriodSummaryBuilder(Timestamp from, Timestamp to) : m_from(from), m_to(to) {}
  void add(const Ticket& ticket);
  PeriodSummary summary() const;

 private:
  Timestamp m_from;
  Timestamp m_to;
  std::int64_t m_open = 0;
  std::int64_t m_opened = 0;
  std::vector<std::int64_t> m_resolution_ms;
  TargetTally m_target;
};

}  // namespace snag
