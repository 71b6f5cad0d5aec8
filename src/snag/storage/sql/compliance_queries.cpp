#include <string>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/compliance_queries.hpp>
#include <snag/storage/sql/kept_summaries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {

constexpr std::string_view k_hold_columns =
    "id, candidate_ats, candidate_external_id, ticket_id, reason, placed_by, placed_at, released_at, released_by";
constexpr std::string_view k_erasure_columns =
    "id, candidate_ats, candidate_external_id, source, requested_by, requested_at, status, held_by, completed_at, "
    "report";

tl::unexpected<Error> corrupt_row(std::string_view what) {
  return fail(ErrorCode::internal, "database error: a stored " + std::string(what) + " is corrupt");
}

template <class Statement>
Result<LegalHold> read_hold(const Statement& row) {
  LegalHold hold;
  hold.id = LegalHoldId{row.int64(0)};
  auto ats = row.optional_text(1);
  auto external_id = row.optional_text(2);
  if (ats && external_id) hold.candidate = CandidateRef{std::move(*ats), std::move(*external_id)};
  if (auto ticket = row.optional_int64(3)) hold.ticket = TicketId{*ticket};
  hold.reason = row.text(4);
  hold.placed_by = row.text(5);
  hold.placed_at = from_epoch_ms(row.int64(6));
  hold.released_at = optional_timestamp(row.optional_int64(7));
  hold.released_by = row.optional_text(8);
  return hold;
}

std::string report_json(const ErasureReport& report) {
  nlohmann::json tickets = nlohmann::json::array();
  for (const TicketId id : report.tickets) tickets.push_back(id.value);
  return nlohmann::json{{"candidate_found", report.candidate_found},
                        {"tickets", std::move(tickets)},
                        {"comments", report.comments},
                        {"journal_entries", report.journal_entries},
                        {"notifications", report.notifications},
                        {"deliveries", report.deliveries},
                        {"incidents", report.incidents},
                        {"changes", report.changes}}
      .dump();
}

std::optional<ErasureReport> parse_report(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  ErasureReport report;
  report.candidate_found = json.value("candidate_found", false);
  for (const auto& id : json.value("tickets", nlohmann::json::array())) {
    if (!id.is_number_integer()) return std::nullopt;
    report.tickets.push_back(TicketId{id.get<std::int64_t>()});
  }
  report.comments = json.value("comments", std::int64_t{0});
  report.journal_entries = json.value("journal_entries", std::int64_t{0});
  report.notifications = json.value("notifications", std::int64_t{0});
  report.deliveries = json.value("deliveries", std::int64_t{0});
  // Reports of requests completed before incidents and changes were searched lack both: 0.
  report.incidents = json.value("incidents", std::int64_t{0});
  report.changes = json.value("changes", std::int64_t{0});
  return report;
}

std::string hold_ids_json(const std::vector<LegalHoldId>& holds) {
  nlohmann::json ids = nlohmann::json::array();
  for (const LegalHoldId id : holds) ids.push_back(id.value);
  return ids.dump();
}

template <class Statement>
Result<ErasureRequest> read_erasure(const Statement& row) {
  ErasureRequest request;
  request.id = ErasureRequestId{row.int64(0)};
  request.candidate = CandidateRef{row.text(1), row.text(2)};
  request.source = row.text(3);
  request.requested_by = row.text(4);
  request.requested_at = from_epoch_ms(row.int64(5));
  auto status = parse_erasure_status(row.text(6));
  auto holds = nlohmann::json::parse(row.text(7), nullptr, false);
  auto report = parse_report(row.text(9));
  if (!status || !holds.is_array() || !report) return corrupt_row("erasure request");
  request.status = *status;
  for (const auto& id : holds) {
    if (!id.is_number_integer()) return corrupt_row("erasure request");
    request.held_by.push_back(LegalHoldId{id.template get<std::int64_t>()});
  }
  request.completed_at = optional_timestamp(row.optional_int64(8));
  request.report = std::move(*report);
  return request;
}

// Runs `sql`, an UPDATE … SET text = marker WHERE ticket_id = ticket AND text <> marker
// RETURNING 1, and counts what it changed.
template <class Connection>
Result<std::int64_t> redact_text_of_ticket(Connection& connection, std::string_view sql, TicketId ticket,
                                           std::string_view marker) {
  auto statement = connection.prepare(sql);
  statement.bind(1, marker).bind(2, ticket.value).bind(3, marker);
  return counted_rows(statement);
}

}  // namespace

template <class Connection>
Result<std::optional<LegalHold>> ComplianceQueries<Connection>::legal_hold(Connection& connection, LegalHoldId id) {
  static const std::string sql = select_from(k_hold_columns, " FROM legal_holds WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<LegalHold>(statement, read_hold<Statement>);
}

template <class Connection>
Result<std::vector<LegalHold>> ComplianceQueries<Connection>::legal_holds(Connection& connection) {
  static const std::string sql = select_from(k_hold_columns, " FROM legal_holds ORDER BY id DESC");
  auto statement = connection.prepare(sql);
  return all_rows<LegalHold>(statement, read_hold<Statement>);
}

template <class Connection>
Result<std::vector<LegalHold>> ComplianceQueries<Connection>::active_legal_holds(Connection& connection) {
  static const std::string sql = select_from(k_hold_columns, " FROM legal_holds WHERE released_at IS NULL ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<LegalHold>(statement, read_hold<Statement>);
}

template <class Connection>
Result<std::optional<ErasureRequest>> ComplianceQueries<Connection>::erasure_request(Connection& connection,
                                                                                     ErasureRequestId id) {
  static const std::string sql = select_from(k_erasure_columns, " FROM erasure_requests WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<ErasureRequest>(statement, read_erasure<Statement>);
}

template <class Connection>
Result<std::vector<ErasureRequest>> ComplianceQueries<Connection>::erasure_requests(Connection& connection,
                                                                                    std::size_t limit) {
  static const std::string sql = select_from(k_erasure_columns, " FROM erasure_requests ORDER BY id DESC LIMIT ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, static_cast<std::int64_t>(limit));
  return all_rows<ErasureRequest>(statement, read_erasure<Statement>);
}

template <class Connection>
Result<std::vector<ErasureRequest>> ComplianceQueries<Connection>::erasure_requests_in(Connection& connection,
                                                                                       ErasureStatus status) {
  static const std::string sql = select_from(k_erasure_columns, " FROM erasure_requests WHERE status = ? ORDER BY id");
  auto statement = connection.prepare(sql);
  statement.bind(1, to_string(status));
  return all_rows<ErasureRequest>(statement, read_erasure<Statement>);
}

template <class Connection>
Result<LegalHoldId> ComplianceQueries<Connection>::insert_legal_hold(Connection& connection, const LegalHold& hold) {
  auto statement = connection.prepare(
      "INSERT INTO legal_holds (candidate_ats, candidate_external_id, ticket_id, reason, placed_by, placed_at, "
      "released_at, released_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  std::optional<std::string> ats;
  std::optional<std::string> external_id;
  if (hold.candidate) {
    ats = hold.candidate->ats;
    external_id = hold.candidate->external_id;
  }
  std::optional<std::int64_t> ticket;
  if (hold.ticket) ticket = hold.ticket->value;
  statement.bind(1, ats).bind(2, external_id).bind(3, ticket).bind(4, hold.reason).bind(5, hold.placed_by);
  statement.bind(6, to_epoch_ms(hold.placed_at)).bind(7, optional_ms(hold.released_at)).bind(8, hold.released_by);
  auto id = inserted_id(statement);
  if (!id) return tl::unexpected(id.error());
  return LegalHoldId{*id};
}

template <class Connection>
Result<void> ComplianceQueries<Connection>::update_legal_hold(Connection& connection, const LegalHold& hold) {
  auto statement =
      connection.prepare("UPDATE legal_holds SET released_at = ?, released_by = ? WHERE id = ? RETURNING id");
  statement.bind(1, optional_ms(hold.released_at)).bind(2, hold.released_by).bind(3, hold.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "legal hold " + std::to_string(hold.id.value) + " does not exist");
  return {};
}

template <class Connection>
Result<ErasureRequestId> ComplianceQueries<Connection>::insert_erasure_request(Connection& connection,
                                                                               const ErasureRequest& request) {
  auto statement = connection.prepare(
      "INSERT INTO erasure_requests (candidate_ats, candidate_external_id, source, requested_by, requested_at, "
      "status, held_by, completed_at, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, request.candidate.ats).bind(2, request.candidate.external_id).bind(3, request.source);
  statement.bind(4, request.requested_by).bind(5, to_epoch_ms(request.requested_at));
  statement.bind(6, to_string(request.status)).bind(7, hold_ids_json(request.held_by));
  statement.bind(8, optional_ms(request.completed_at)).bind(9, report_json(request.report));
  auto id = inserted_id(statement);
  if (!id) return tl::unexpected(id.error());
  return ErasureRequestId{*id};
}

template <class Connection>
Result<void> ComplianceQueries<Connection>::update_erasure_request(Connection& connection,
                                                                   const ErasureRequest& request) {
  auto statement = connection.prepare(
      "UPDATE erasure_requests SET status = ?, held_by = ?, completed_at = ?, report = ? WHERE id = ? RETURNING id");
  statement.bind(1, to_string(request.status)).bind(2, hold_ids_json(request.held_by));
  statement.bind(3, optional_ms(request.completed_at)).bind(4, report_json(request.report));
  statement.bind(5, request.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) {
    return fail(ErrorCode::not_found, "erasure request " + std::to_string(request.id.value) + " does not exist");
  }
  return {};
}

template <class Connection>
Result<void> ComplianceQueries<Connection>::store_redacted_journal_entry(Connection& connection,
                                                                        const JournalEntry& entry) {
  auto statement = connection.prepare(
      "UPDATE journal SET old_value = ?, new_value = ?, redacted = ? WHERE seq = ? RETURNING seq");
  statement.bind(1, entry.old_value.dump()).bind(2, entry.new_value.dump()).bind(3, entry.redacted);
  statement.bind(4, entry.seq);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "journal entry " + std::to_string(entry.seq) + " does not exist");
  return {};
}

template <class Connection>
Result<std::int64_t> ComplianceQueries<Connection>::redact_comments(Connection& connection, TicketId ticket,
                                                                   std::string_view marker) {
  return redact_text_of_ticket(connection, "UPDATE comments SET body = ? WHERE ticket_id = ? AND body <> ? RETURNING 1",
                               ticket, marker);
}

template <class Connection>
Result<std::int64_t> ComplianceQueries<Connection>::redact_notifications(Connection& connection, TicketId ticket,
                                                                        std::string_view marker) {
  return redact_text_of_ticket(
      connection, "UPDATE notifications SET message = ? WHERE ticket_id = ? AND message <> ? RETURNING 1", ticket,
      marker);
}

template <class Connection>
Result<std::vector<RetentionSubject>> ComplianceQueries<Connection>::retention_subjects(Connection& connection,
                                                                                        TicketId after,
                                                                                        std::size_t limit) {
  auto statement = connection.prepare(
      "SELECT t.id, t.type, t.candidate_geography, t.resolved_at, c.purged_at, t.candidate_ats, "
      "t.candidate_external_id FROM tickets t "
      "LEFT JOIN candidates c ON c.ats = t.candidate_ats AND c.external_id = t.candidate_external_id "
      "WHERE t.id > ? ORDER BY t.id LIMIT ?");
  statement.bind(1, after.value).bind(2, static_cast<std::int64_t>(limit));
  return all_rows<RetentionSubject>(statement, [](const Statement& row) -> Result<RetentionSubject> {
    RetentionSubject subject;
    subject.ticket = TicketId{row.int64(0)};
    subject.issue_type = row.text(1);
    subject.geography = row.optional_text(2);
    subject.resolved_at = optional_timestamp(row.optional_int64(3));
    subject.candidate_purged_at = optional_timestamp(row.optional_int64(4));
    auto ats = row.optional_text(5);
    auto external_id = row.optional_text(6);
    if (ats && external_id) subject.candidate = CandidateRef{std::move(*ats), std::move(*external_id)};
    return subject;
  });
}

template <class Connection>
Result<bool> ComplianceQueries<Connection>::delete_ticket(Connection& connection, SummaryDeltas& summaries,
                                                          TicketId id) {
  for (const char* sql : {"DELETE FROM comments WHERE ticket_id = ?", "DELETE FROM notifications WHERE ticket_id = ?",
                          "DELETE FROM incident_tickets WHERE ticket_id = ?",
                          "DELETE FROM change_tickets WHERE ticket_id = ?"}) {
    auto statement = connection.prepare(sql);
    statement.bind(1, id.value);
    if (auto done = statement.run(); !done) return tl::unexpected(done.error());
  }
  auto counted_as = KeptSummaries<Connection>::stored_keys(connection, id);
  if (!counted_as) return tl::unexpected(counted_as.error());
  auto statement = connection.prepare("DELETE FROM tickets WHERE id = ? RETURNING id");
  statement.bind(1, id.value);
  auto deleted = returned_value(statement);
  if (!deleted) return tl::unexpected(deleted.error());
  if (!deleted->has_value()) return false;
  if (auto counted = KeptSummaries<Connection>::move(connection, summaries, *counted_as, {}); !counted) {
    return tl::unexpected(counted.error());
  }
  return true;
}

template <class Connection>
Result<std::int64_t> ComplianceQueries<Connection>::redact_deliveries(Connection& connection,
                                                                     const CandidateRef& candidate,
                                                                     std::string_view marker) {
  // A substring match: vendors write ids as JSON strings or numbers, with or without spaces.
  // It may also redact a processed delivery that mentions the id for another reason, which
  // costs nothing but that raw copy; queued deliveries are left to be processed.
  std::string pattern = "%";
  for (const char c : candidate.external_id) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  auto statement = connection.prepare(
      "UPDATE deliveries SET body = ? WHERE state IN ('done', 'dead') AND body <> ? "
      "AND connector IN (SELECT id FROM connectors WHERE ats = ?) AND body LIKE ? ESCAPE '\\' RETURNING 1");
  statement.bind(1, marker).bind(2, marker).bind(3, candidate.ats).bind(4, pattern);
  return counted_rows(statement);
}

template struct ComplianceQueries<sqlite::Connection>;
template struct ComplianceQueries<postgresql::Connection>;

}  // namespace snag::sql
