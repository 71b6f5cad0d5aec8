#include <algorithm>

#include <snag/domain/analytics/open_ticket_aging.hpp>

namespace snag {
namespace {

void count(AgingGroupRow& row, TicketId id, std::int64_t age_days) {
  const bool older = row.open == 0 || age_days > row.oldest_age_days ||
                     (age_days == row.oldest_age_days && id.value < row.oldest.value);
  ++row.open;
  ++row.aging[aging_bucket_index(age_days)];
  if (older) {
    row.oldest = id;
    row.oldest_age_days = age_days;
  }
}

}  // namespace

void OpenTicketAging::add(const Ticket& ticket, Timestamp now) {
  if (ticket.resolved_at) return;
  const std::int64_t age_days =
      std::max<std::int64_t>(0, std::chrono::floor<std::chrono::days>(now - ticket.created_at).count());
  auto& row = m_groups[{ticket.team, ticket.type}];
  row.team = ticket.team;
  row.type = ticket.type;
  count(row, ticket.id, age_days);
  count(m_total, ticket.id, age_days);
}

std::vector<AgingGroupRow> OpenTicketAging::rows() const {
  std::vector<AgingGroupRow> rows;
  rows.reserve(m_groups.size());
  for (const auto& [key, row] : m_groups) rows.push_back(row);
  return rows;
}

}  // namespace snag
