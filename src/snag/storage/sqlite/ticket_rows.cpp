#include <nlohmann/json.hpp>

#include <snag/storage/sqlite/ticket_rows.hpp>

namespace snag::sqlite {

const std::string_view k_ticket_columns =
    "id, type, title, description, status, severity, team, assignee, candidate_ats, candidate_external_id, "
    "labels, fields, reporter, created_at, updated_at, version, resolution_due_at, resolved_at";

namespace {
std::optional<std::int64_t> optional_ms(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return to_epoch_ms(*t);
}

std::optional<Timestamp> optional_time(const std::optional<std::int64_t>& ms) {
  if (!ms) return std::nullopt;
  return from_epoch_ms(*ms);
}
}  // namespace

void bind_ticket(Statement& statement, int first, const Ticket& ticket) {
  int i = first;
  statement.bind(i++, ticket.type);
  statement.bind(i++, ticket.title);
  statement.bind(i++, ticket.description);
  statement.bind(i++, ticket.status);
  statement.bind(i++, to_string(ticket.severity));
  statement.bind(i++, ticket.team);
  statement.bind(i++, ticket.assignee);
  if (ticket.candidate) {
    statement.bind(i++, ticket.candidate->ats);
    statement.bind(i++, ticket.candidate->external_id);
  } else {
    statement.bind_null(i++);
    statement.bind_null(i++);
  }
  statement.bind(i++, nlohmann::json(ticket.labels).dump());
  statement.bind(i++, ticket.fields.dump());
  statement.bind(i++, ticket.reporter);
  statement.bind(i++, to_epoch_ms(ticket.created_at));
  statement.bind(i++, to_epoch_ms(ticket.updated_at));
  statement.bind(i++, ticket.version);
  statement.bind(i++, optional_ms(ticket.resolution_due_at));
  statement.bind(i++, optional_ms(ticket.resolved_at));
}

Result<Ticket> read_ticket(const Statement& statement) {
  Ticket ticket;
  ticket.id = TicketId{statement.int64(0)};
  ticket.type = statement.text(1);
  ticket.title = statement.text(2);
  ticket.description = statement.text(3);
  ticket.status = statement.text(4);
  const auto severity = parse_severity(statement.text(5));
  if (!severity) return fail(ErrorCode::internal, "database error: a stored ticket has an unknown severity");
  ticket.severity = *severity;
  ticket.team = statement.text(6);
  ticket.assignee = statement.optional_text(7);
  if (!statement.is_null(8)) ticket.candidate = CandidateRef{statement.text(8), statement.text(9)};
  auto labels = nlohmann::json::parse(statement.text(10), nullptr, false);
  auto fields = nlohmann::json::parse(statement.text(11), nullptr, false);
  if (labels.is_discarded() || !labels.is_array() || fields.is_discarded() || !fields.is_object()) {
    return fail(ErrorCode::internal, "database error: a stored ticket has corrupt labels or fields");
  }
  for (auto& label : labels) {
    if (!label.is_string()) return fail(ErrorCode::internal, "database error: a stored ticket has a corrupt label");
    ticket.labels.push_back(label.get<std::string>());
  }
  ticket.fields = std::move(fields);
  ticket.reporter = statement.text(12);
  ticket.created_at = from_epoch_ms(statement.int64(13));
  ticket.updated_at = from_epoch_ms(statement.int64(14));
  ticket.version = statement.int64(15);
  ticket.resolution_due_at = optional_time(statement.optional_int64(16));
  ticket.resolved_at = optional_time(statement.optional_int64(17));
  return ticket;
}

}  // namespace snag::sqlite
