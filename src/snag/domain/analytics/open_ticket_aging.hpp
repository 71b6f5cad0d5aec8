#pragma once
// The weekly aging report's figures: the open tickets per team and issue type, by how long they
// have been open, with each group's oldest ticket. Pure: fed the tickets one by one. Only keys,
// types, teams and ages come out, so the report can be mailed without personal data.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <snag/domain/analytics/ticket_volume.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

struct AgingGroupRow {
  std::string team;  // "" in the total row
  std::string type;  // likewise
  std::int64_t open = 0;
  std::array<std::int64_t, k_aging_buckets.size()> aging{};
  TicketId oldest;                   // the longest open (the lower id on a tie)
  std::int64_t oldest_age_days = 0;  // its whole days since opening
};

class OpenTicketAging {
 public:
  // A resolved ticket counts nowhere.
  void add(const Ticket& ticket, Timestamp now);
  // One row per team and type with an open ticket, ordered by team, then type.
  std::vector<AgingGroupRow> rows() const;
  // Every open ticket in one row; open is 0 when there is none.
  const AgingGroupRow& total() const { return m_total; }

 private:
  std::map<std::pair<std::string, std::string>, AgingGroupRow> m_groups;
  AgingGroupRow m_total;
};

}  // namespace snag
