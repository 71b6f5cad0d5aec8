#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {
std::optional<DayCountKey> day_count_key(const Ticket& ticket) {
  if (ticket.candidate && ticket.candidate->external_id == k_synthetic_candidate_id) return std::nullopt;
  return DayCountKey{to_epoch_ms(ticket.created_at) / k_ms_per_day, ticket.type, ticket.reporter};
}

template <class Connection>
Result<void> DayCounts<Connection>::add(Connection& connection, const DayCountKey& key, std::int64_t tickets) {
  auto statement = connection.prepare(
      "INSERT INTO ticket_day_counts (day, type, reporter, tickets) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (day, type, reporter) DO UPDATE SET tickets = ticket_day_counts.tickets + excluded.tickets");
  statement.bind(1, key.day).bind(2, key.type).bind(3, key.reporter).bind(4, tickets);
  if (auto done = statement.queue(); !done) return tl::unexpected(done.error());
  return {};
}

template struct DayCounts<sqlite::Connection>;
template struct DayCounts<postgresql::Connection>;

}  // namespace snag::sql
