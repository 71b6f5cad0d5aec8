#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {
namespace {

bool is_synthetic(const std::optional<std::string>& candidate_external_id) {
  return candidate_external_id == k_synthetic_candidate_id;
}

template <class Connection>
Result<void> add(Connection& connection, const DayCountKey& key, std::int64_t tickets) {
  auto statement = connection.prepare(
      "INSERT INTO ticket_day_counts (day, type, reporter, tickets) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (day, type, reporter) DO UPDATE SET tickets = ticket_day_counts.tickets + excluded.tickets");
  statement.bind(1, key.day).bind(2, key.type).bind(3, key.reporter).bind(4, tickets);
  if (auto done = statement.run(); !done) return tl::unexpected(done.error());
  return {};
}

}  // namespace

std::optional<DayCountKey> day_count_key(const Ticket& ticket) {
  if (ticket.candidate && is_synthetic(ticket.candidate->external_id)) return std::nullopt;
  return DayCountKey{to_epoch_ms(ticket.created_at) / k_ms_per_day, ticket.type, ticket.reporter};
}

template <class Connection>
Result<std::optional<DayCountKey>> DayCounts<Connection>::stored_key(Connection& connection, TicketId id) {
  auto statement =
      connection.prepare("SELECT created_at / ?, type, reporter, candidate_external_id FROM tickets WHERE id = ?");
  statement.bind(1, k_ms_per_day).bind(2, id.value);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row || is_synthetic(statement.optional_text(3))) return std::optional<DayCountKey>{};
  return DayCountKey{statement.int64(0), statement.text(1), statement.text(2)};
}

template <class Connection>
Result<void> DayCounts<Connection>::move(Connection& connection, const std::optional<DayCountKey>& before,
                                         const std::optional<DayCountKey>& after) {
  if (before == after) return {};
  if (before) {
    if (auto done = add(connection, *before, -1); !done) return done;
  }
  if (after) return add(connection, *after, 1);
  return {};
}

template struct DayCounts<sqlite::Connection>;
template struct DayCounts<postgresql::Connection>;

}  // namespace snag::sql
