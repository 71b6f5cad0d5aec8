#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/kept_summaries.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {
namespace {

// Takes a ticket's count out of `before` and adds it to `after` (either absent: counted
// nowhere) in the summary whose rows Summary::add keeps; nothing when the two are the same.
template <class Summary, class Connection, class Key>
Result<void> move_count(Connection& connection, const std::optional<Key>& before, const std::optional<Key>& after) {
  if (before == after) return {};
  if (before) {
    if (auto done = Summary::add(connection, *before, -1); !done) return done;
  }
  if (after) return Summary::add(connection, *after, 1);
  return {};
}

}  // namespace

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
Result<void> KeptSummaries<Connection>::move(Connection& connection, const SummaryKeys& before,
                                             const SummaryKeys& after) {
  if (auto counted = move_count<DayCounts<Connection>>(connection, before.day, after.day); !counted) return counted;
  if (auto counted = move_count<ResolutionHours<Connection>>(connection, before.resolution, after.resolution);
      !counted) {
    return counted;
  }
  if (auto counted =
          move_count<CandidateDelayDays<Connection>>(connection, before.candidate_delay, after.candidate_delay);
      !counted) {
    return counted;
  }
  // Not a count per key: a pair counts its candidate while any ticket holds it.
  return WithdrawalCohorts<Connection>::move(connection, before.candidate_type, after.candidate_type);
}

template struct KeptSummaries<sqlite::Connection>;
template struct KeptSummaries<postgresql::Connection>;

}  // namespace snag::sql
