#pragma once
// SLA adherence: how many tickets met their targets, per team, issue type or severity. A target
// is met when the ticket was answered or resolved by its due time, breached when it was late or
// is still open past it, and still running when it is open with time left; tickets without a
// target count in none of the three. Adherence is met / (met + breached): a running clock is
// neither a success nor a failure yet.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/ticket.hpp>

namespace snag {

enum class SlaGrouping { team, issue_type, severity };
std::optional<SlaGrouping> parse_sla_grouping(std::string_view text);  // team, type, severity
std::string_view to_string(SlaGrouping grouping);

struct TargetTally {
  std::int64_t met = 0;
  std::int64_t breached = 0;
  std::int64_t running = 0;
  // met / (met + breached); nullopt when neither has happened.
  std::optional<double> adherence() const;
};

struct SlaAdherenceRow {
  std::string group;
  std::int64_t tickets = 0;
  TargetTally first_response;
  TargetTally resolution;
};

// Accumulates tickets into rows, one per group, kept in the order groups first appear.
class SlaAdherence {
 public:
  explicit SlaAdherence(SlaGrouping grouping) : m_grouping(grouping) {}
  void add(const Ticket& ticket, Timestamp now);
  // The rows ordered by group name.
  std::vector<SlaAdherenceRow> rows() const;

 private:
  SlaGrouping m_grouping;
  std::vector<SlaAdherenceRow> m_rows;
};

}  // namespace snag
