#include <nlohmann/json.hpp>

#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

const std::string_view k_ticket_columns =
    "id, type, title, description, status, severity, team, assignee, candidate_ats, candidate_external_id, "
    "labels, fields, reporter, created_at, updated_at, version, resolution_due_at, resolved_at, watchers, "
    "sla_calendar, candidate_geography, first_response_due_at, first_responded_at, sla_paused_at, sla_paused_ms, "
    "sla_fired, sla_next_check_at";

namespace {
// A JSON array of strings, as labels, watchers and fired SLA points are stored; nullopt when it is not one.
std::optional<std::vector<std::string>> string_list(std::string_view text) {
  if (text == "[]") return std::vector<std::string>{};  // most tickets: no parser for a list page's 100 of them
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array()) return std::nullopt;
  std::vector<std::string> items;
  for (const auto& item : parsed) {
    if (!item.is_string()) return std::nullopt;
    items.push_back(item.get<std::string>());
  }
  return items;
}

Error corrupt(std::string_view what) {
  return Error{ErrorCode::internal, "database error: a stored " + std::string(what) + " is corrupt", {}, {}};
}
}  // namespace

template <class Statement>
void Rows<Statement>::bind_ticket(Statement& statement, int first, const Ticket& ticket) {
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
  statement.bind(i++, nlohmann::json(ticket.watchers).dump());
  statement.bind(i++, ticket.sla_calendar);
  statement.bind(i++, ticket.candidate_geography);
  statement.bind(i++, optional_ms(ticket.first_response_due_at));
  statement.bind(i++, optional_ms(ticket.first_responded_at));
  statement.bind(i++, optional_ms(ticket.sla_paused_at));
  statement.bind(i++, static_cast<std::int64_t>(ticket.sla_paused_for.count()));
  statement.bind(i++, nlohmann::json(ticket.sla_fired).dump());
  statement.bind(i++, optional_ms(ticket.sla_next_check_at));
}

template <class Statement>
Result<Ticket> Rows<Statement>::read_ticket(const Statement& statement) {
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
  auto labels = string_list(statement.text(10));
  const std::string fields_text = statement.text(11);
  nlohmann::json fields =
      fields_text == "{}" ? nlohmann::json::object() : nlohmann::json::parse(fields_text, nullptr, false);
  if (!labels || fields.is_discarded() || !fields.is_object()) {
    return fail(ErrorCode::internal, "database error: a stored ticket has corrupt labels or fields");
  }
  ticket.labels = std::move(*labels);
  ticket.fields = std::move(fields);
  ticket.reporter = statement.text(12);
  ticket.created_at = from_epoch_ms(statement.int64(13));
  ticket.updated_at = from_epoch_ms(statement.int64(14));
  ticket.version = statement.int64(15);
  ticket.resolution_due_at = optional_timestamp(statement.optional_int64(16));
  ticket.resolved_at = optional_timestamp(statement.optional_int64(17));
  auto watchers = string_list(statement.text(18));
  if (!watchers) return fail(ErrorCode::internal, "database error: a stored ticket has corrupt watchers");
  ticket.watchers = std::move(*watchers);
  ticket.sla_calendar = statement.text(19);
  ticket.candidate_geography = statement.optional_text(20);
  ticket.first_response_due_at = optional_timestamp(statement.optional_int64(21));
  ticket.first_responded_at = optional_timestamp(statement.optional_int64(22));
  ticket.sla_paused_at = optional_timestamp(statement.optional_int64(23));
  ticket.sla_paused_for = std::chrono::milliseconds{statement.int64(24)};
  auto fired = string_list(statement.text(25));
  if (!fired) return fail(ErrorCode::internal, "database error: a stored ticket has corrupt fired SLA points");
  ticket.sla_fired = std::move(*fired);
  ticket.sla_next_check_at = optional_timestamp(statement.optional_int64(26));
  return ticket;
}

const std::string_view k_journal_columns =
    "seq, ticket_id, event, at, actor, action, field, old_value, new_value, content_digest, prev_hash, hash, redacted";

template <class Statement>
void Rows<Statement>::bind_journal_entry(Statement& statement, const JournalEntry& entry) {
  statement.bind(1, entry.seq)
      .bind(2, entry.ticket.value)
      .bind(3, entry.event)
      .bind(4, to_epoch_ms(entry.at))
      .bind(5, entry.actor)
      .bind(6, entry.action)
      .bind(7, entry.field)
      .bind(8, entry.old_value.dump())
      .bind(9, entry.new_value.dump())
      .bind(10, entry.content_digest)
      .bind(11, entry.prev_hash)
      .bind(12, entry.hash);
}

template <class Statement>
Result<JournalEntry> Rows<Statement>::read_journal_entry(const Statement& statement) {
  JournalEntry entry;
  entry.seq = statement.int64(0);
  entry.ticket = TicketId{statement.int64(1)};
  entry.event = statement.int64(2);
  entry.at = from_epoch_ms(statement.int64(3));
  entry.actor = statement.text(4);
  entry.action = statement.text(5);
  entry.field = statement.text(6);
  entry.old_value = nlohmann::json::parse(statement.text(7), nullptr, false);
  entry.new_value = nlohmann::json::parse(statement.text(8), nullptr, false);
  if (entry.old_value.is_discarded() || entry.new_value.is_discarded()) return tl::unexpected(corrupt("journal entry"));
  entry.content_digest = statement.text(9);
  entry.prev_hash = statement.text(10);
  entry.hash = statement.text(11);
  entry.redacted = statement.int64(12) != 0;
  return entry;
}

const std::string_view k_candidate_columns =
    "ats, external_id, name, email, level, geography, fields, created_at, updated_at, purged_at, erased_at";

template <class Statement>
void Rows<Statement>::bind_candidate(Statement& statement, const Candidate& candidate) {
  statement.bind(1, candidate.ref.ats)
      .bind(2, candidate.ref.external_id)
      .bind(3, candidate.profile.name)
      .bind(4, candidate.profile.email)
      .bind(5, candidate.profile.level)
      .bind(6, candidate.profile.geography)
      .bind(7, candidate.profile.fields.dump())
      .bind(8, to_epoch_ms(candidate.created_at))
      .bind(9, to_epoch_ms(candidate.updated_at))
      .bind(10, optional_ms(candidate.purged_at))
      .bind(11, optional_ms(candidate.erased_at));
}

template <class Statement>
Result<Candidate> Rows<Statement>::read_candidate(const Statement& statement) {
  Candidate candidate;
  candidate.ref = CandidateRef{statement.text(0), statement.text(1)};
  candidate.profile.name = statement.optional_text(2);
  candidate.profile.email = statement.optional_text(3);
  candidate.profile.level = statement.optional_text(4);
  candidate.profile.geography = statement.optional_text(5);
  auto fields = nlohmann::json::parse(statement.text(6), nullptr, false);
  if (fields.is_discarded() || !fields.is_object()) return tl::unexpected(corrupt("candidate"));
  candidate.profile.fields = std::move(fields);
  candidate.created_at = from_epoch_ms(statement.int64(7));
  candidate.updated_at = from_epoch_ms(statement.int64(8));
  candidate.purged_at = optional_timestamp(statement.optional_int64(9));
  candidate.erased_at = optional_timestamp(statement.optional_int64(10));
  return candidate;
}

const std::string_view k_api_key_columns =
    "id, name, role, team, secret_hash, created_at, expires_at, revoked, scopes, owner, last_used_at, replaced_by";

template <class Statement>
Result<ApiKeyRecord> Rows<Statement>::read_api_key(const Statement& statement) {
  ApiKeyRecord key;
  key.id = ApiKeyId{statement.int64(0)};
  key.name = statement.text(1);
  key.role = statement.text(2);
  key.team = statement.optional_text(3);
  key.secret_hash = statement.text(4);
  key.created_at = from_epoch_ms(statement.int64(5));
  key.expires_at = optional_timestamp(statement.optional_int64(6));
  key.revoked = statement.int64(7) != 0;
  auto scopes = parse_scopes(statement.optional_text(8));
  if (!scopes) return tl::unexpected(scopes.error());
  key.scopes = std::move(*scopes);
  key.owner = statement.optional_text(9);
  key.last_used_at = optional_timestamp(statement.optional_int64(10));
  if (auto successor = statement.optional_int64(11)) key.replaced_by = ApiKeyId{*successor};
  return key;
}

std::optional<std::string> scopes_json(const std::optional<std::set<std::string>>& scopes) {
  if (!scopes) return std::nullopt;
  return nlohmann::json(*scopes).dump();
}

Result<std::optional<std::set<std::string>>> parse_scopes(const std::optional<std::string>& json) {
  using Scopes = std::optional<std::set<std::string>>;
  if (!json) return Scopes{};
  const auto parsed = nlohmann::json::parse(*json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array()) return tl::unexpected(corrupt("scope list"));
  std::set<std::string> scopes;
  for (const auto& scope : parsed) {
    if (!scope.is_string()) return tl::unexpected(corrupt("scope list"));
    scopes.insert(scope.get<std::string>());
  }
  return Scopes{std::move(scopes)};
}

template struct Rows<sqlite::Statement>;
template struct Rows<postgresql::Statement>;

}  // namespace snag::sql
