#include <algorithm>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/candidate_delay_days.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {
std::optional<CandidateDelayKey> candidate_delay_key(const Ticket& ticket) {
  if (!ticket.resolved_at || !ticket.candidate || ticket.candidate->external_id == k_synthetic_candidate_id) {
    return std::nullopt;
  }
  const std::int64_t opened_ms = to_epoch_ms(ticket.created_at);
  return CandidateDelayKey{opened_ms / k_ms_per_day, ticket.type,
                           std::max<std::int64_t>(0, to_epoch_ms(*ticket.resolved_at) - opened_ms)};
}

template <class Connection>
Result<void> CandidateDelayDays<Connection>::add(Connection& connection, const CandidateDelayKey& key,
                                                 std::int64_t tickets) {
  auto statement = connection.prepare(
      "INSERT INTO candidate_delay_days (day, type, delay_ms) VALUES (?, ?, ?) "
      "ON CONFLICT (day, type) DO UPDATE SET delay_ms = candidate_delay_days.delay_ms + excluded.delay_ms");
  statement.bind(1, key.day).bind(2, key.type).bind(3, tickets * key.delay_ms);
  return statement.queue();
}

template struct CandidateDelayDays<sqlite::Connection>;
template struct CandidateDelayDays<postgresql::Connection>;

}  // namespace snag::sql
