#include <nlohmann/json.hpp>

#include <snag/storage/sqlite/record_rows.hpp>

namespace snag::sqlite {

namespace {
Error corrupt(std::string_view what) {
  return Error{ErrorCode::internal, "database error: a stored " + std::string(what) + " is corrupt", {}, {}};
}
}  // namespace

const std::string_view k_journal_columns =
    "seq, ticket_id, event, at, actor, action, field, old_value, new_value, content_digest, prev_hash, hash";

void bind_journal_entry(Statement& statement, const JournalEntry& entry) {
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

Result<JournalEntry> read_journal_entry(const Statement& statement) {
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
  return entry;
}

const std::string_view k_candidate_columns =
    "ats, external_id, name, email, level, geography, fields, created_at, updated_at";

void bind_candidate(Statement& statement, const Candidate& candidate) {
  statement.bind(1, candidate.ref.ats)
      .bind(2, candidate.ref.external_id)
      .bind(3, candidate.profile.name)
      .bind(4, candidate.profile.email)
      .bind(5, candidate.profile.level)
      .bind(6, candidate.profile.geography)
      .bind(7, candidate.profile.fields.dump())
      .bind(8, to_epoch_ms(candidate.created_at))
      .bind(9, to_epoch_ms(candidate.updated_at));
}

Result<Candidate> read_candidate(const Statement& statement) {
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
  return candidate;
}

const std::string_view k_api_key_columns = "id, name, role, team, secret_hash, created_at, expires_at, revoked";

ApiKeyRecord read_api_key(const Statement& statement) {
  ApiKeyRecord key;
  key.id = ApiKeyId{statement.int64(0)};
  key.name = statement.text(1);
  key.role = statement.text(2);
  key.team = statement.optional_text(3);
  key.secret_hash = statement.text(4);
  key.created_at = from_epoch_ms(statement.int64(5));
  if (auto expires = statement.optional_int64(6)) key.expires_at = from_epoch_ms(*expires);
  key.revoked = statement.int64(7) != 0;
  return key;
}

}  // namespace snag::sqlite
