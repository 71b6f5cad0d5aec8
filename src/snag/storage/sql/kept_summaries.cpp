#include <cstdint>
#include <map>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/kept_summaries.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {
namespace {

// Takes a ticket's count out of `before` and adds it to `after` (either absent: counted
// nowhere) in one summary's `counts`; nothing when the two are the same.
template <class Key>
void move_count(std::map<Key, std::int64_t>& counts, const std::optional<Key>& before,
                const std::optional<Key>& after) {
  if (before == after) return;
  if (before) --counts[*before];
  if (after) ++counts[*after];
}

// Adds every count of `from` to `to`.
template <class Map>
void add_counts(Map& to, const Map& from) {
  for (const auto& [key, count] : from) to[key] += count;
}

// Writes each key's count to the summary whose rows Summary::add keeps.
template <class Summary, class Connection, class Key>
Result<void> write_counts(Connection& connection, const std::map<Key, std::int64_t>& counts) {
  for (const auto& [key, tickets] : counts) {
    if (tickets == 0) continue;  // moved in and out again within the batch
    if (auto done = Summary::add(connection, key, tickets); !done) return done;
  }
  return {};
}

}  // namespace

void SummaryDeltas::add(const SummaryDeltas& other) {
  add_counts(day_counts, other.day_counts);
  add_counts(resolution_hours, other.resolution_hours);
  add_counts(candidate_delays, other.candidate_delays);
  for (const auto& [row, delta] : other.withdrawal_cohorts) {
    withdrawal_cohorts[row].candidates += delta.candidates;
    withdrawal_cohorts[row].withdrawn += delta.withdrawn;
  }
}

SummaryKeys summary_keys(const Ticket& ticket) {
  return {day_count_key(ticket), resolution_key(ticket), candidate_type_key(ticket), candidate_delay_key(ticket)};
}

template <class Connection>
Result<SummaryKeys> KeptSummaries<Connection>::stored_keys(Connection& connection, TicketId id) {
  auto statement = connection.prepare(
      "SELECT created_at, type, reporter, team, severity, assignee, candidate_ats, candidate_external_id, "
      "resolved_at FROM tickets WHERE id = ?");
  statement.bind(1, id.value);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return SummaryKeys{};
  // Only what the keys are made of: the same functions then key the stored ticket and the new one.
  Ticket stored;
  stored.created_at = from_epoch_ms(statement.int64(0));
  stored.type = statement.text(1);
  stored.reporter = statement.text(2);
  stored.team = statement.text(3);
  stored.severity = parse_severity(statement.text(4)).value_or(Severity::sev3);  // the schema's CHECK holds it
  stored.assignee = statement.optional_text(5);
  if (!statement.is_null(6)) stored.candidate = CandidateRef{statement.text(6), statement.text(7)};
  if (!statement.is_null(8)) stored.resolved_at = from_epoch_ms(statement.int64(8));
  return summary_keys(stored);
}

template <class Connection>
Result<void> KeptSummaries<Connection>::move(Connection& connection, SummaryDeltas& deltas, const SummaryKeys& before,
                                             const SummaryKeys& after) {
  move_count(deltas.day_counts, before.day, after.day);
  move_count(deltas.resolution_hours, before.resolution, after.resolution);
  move_count(deltas.candidate_delays, before.candidate_delay, after.candidate_delay);
  // Not a count per key: a pair counts its candidate while any ticket holds it.
  return WithdrawalCohorts<Connection>::move(connection, deltas, before.candidate_type, after.candidate_type);
}

template <class Connection>
Result<void> KeptSummaries<Connection>::write(Connection& connection, const SummaryDeltas& deltas) {
  if (auto done = write_counts<DayCounts<Connection>>(connection, deltas.day_counts); !done) return done;
  if (auto done = write_counts<ResolutionHours<Connection>>(connection, deltas.resolution_hours); !done) return done;
  if (auto done = write_counts<CandidateDelayDays<Connection>>(connection, deltas.candidate_delays); !done) {
    return done;
  }
  for (const auto& [row, delta] : deltas.withdrawal_cohorts) {
    if (delta.candidates == 0 && delta.withdrawn == 0) continue;
    if (auto done = WithdrawalCohorts<Connection>::write(connection, row.first, row.second, delta); !done) return done;
  }
  return {};
}

template struct KeptSummaries<sqlite::Connection>;
template struct KeptSummaries<postgresql::Connection>;

}  // namespace snag::sql
