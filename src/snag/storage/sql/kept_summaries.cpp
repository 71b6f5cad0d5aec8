#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/kept_summaries.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {

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
  if (auto counted = DayCounts<Connection>::move(connection, before.day, after.day); !counted) return counted;
  if (auto counted = ResolutionHours<Connection>::move(connection, before.resolution, after.resolution); !counted) {
    return counted;
  }
  if (auto counted = CandidateDelayDays<Connection>::move(connection, before.candidate_delay, after.candidate_delay);
      !counted) {
    return counted;
  }
  return WithdrawalCohorts<Connection>::move(connection, before.candidate_type, after.candidate_type);
}

template struct KeptSummaries<sqlite::Connection>;
template struct KeptSummaries<postgresql::Connection>;

}  // namespace snag::sql
