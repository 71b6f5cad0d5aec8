#include <snag/storage/sql/queries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/write_transaction.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {

// Runs a statement ending in RETURNING id, which affects at most one row, to its end. nullopt
// when no row was affected.
template <class Statement>
Result<std::optional<std::int64_t>> returned_id(Statement& statement) {
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::int64_t>{};
  const std::int64_t id = statement.int64(0);
  auto end = statement.step();  // SQLite finishes the statement only on the step after the row
  if (!end) return tl::unexpected(end.error());
  return std::optional<std::int64_t>{id};
}

// The id an INSERT … RETURNING id issued.
template <class Statement>
Result<std::int64_t> inserted_id(Statement& statement) {
  auto id = returned_id(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::internal, "database error: an insert returned no id");
  return **id;
}

}  // namespace

template <class Connection>
Result<std::optional<Ticket>> SqlWriteTransaction<Connection>::find_ticket(TicketId id) {
  return Queries<Connection>::ticket(m_connection, id);
}

template <class Connection>
Result<TicketId> SqlWriteTransaction<Connection>::insert_ticket(const Ticket& ticket) {
  auto statement = m_connection.prepare(
      "INSERT INTO tickets (type, title, description, status, severity, team, assignee, candidate_ats, "
      "candidate_external_id, labels, fields, reporter, created_at, updated_at, version, resolution_due_at, "
      "resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  Rows<Statement>::bind_ticket(statement, 1, ticket);
  auto id = inserted_id(statement);
  if (!id) return tl::unexpected(id.error());
  m_text_changes.emplace(*id, false);
  return TicketId{*id};
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::update_ticket(const Ticket& ticket) {
  auto statement = m_connection.prepare(
      "UPDATE tickets SET type = ?, title = ?, description = ?, status = ?, severity = ?, team = ?, assignee = ?, "
      "candidate_ats = ?, candidate_external_id = ?, labels = ?, fields = ?, reporter = ?, created_at = ?, "
      "updated_at = ?, version = ?, resolution_due_at = ?, resolved_at = ? WHERE id = ? RETURNING id");
  Rows<Statement>::bind_ticket(statement, 1, ticket);
  statement.bind(18, ticket.id.value);
  auto updated = returned_id(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, ticket_key(ticket.id) + " does not exist");
  m_text_changes[ticket.id.value] = true;
  return {};
}

template <class Connection>
Result<Comment> SqlWriteTransaction<Connection>::insert_comment(TicketId ticket, std::string_view author, std::string_view body,
                                                       Timestamp at) {
  auto statement =
      m_connection.prepare("INSERT INTO comments (ticket_id, author, body, created_at) VALUES (?, ?, ?, ?) RETURNING id");
  statement.bind(1, ticket.value).bind(2, author).bind(3, body).bind(4, to_epoch_ms(at));
  auto id = inserted_id(statement);
  if (!id) {
    if (id.error().code == ErrorCode::conflict) {  // the foreign key: no such ticket
      return fail(ErrorCode::not_found, ticket_key(ticket) + " does not exist");
    }
    return tl::unexpected(id.error());
  }
  return Comment{CommentId{*id}, ticket, std::string(author), std::string(body), at};
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::append_journal(TicketId ticket, Timestamp at, std::string_view actor,
                                                    std::string_view action, const std::vector<FieldChange>& changes) {
  if (changes.empty()) return {};
  // Advance a copy and publish it only when every row is in: a failed insert leaves the head
  // as it was (the work's savepoint rollback restores the writer's copy as well).
  JournalHead head = m_head;
  ++head.event;
  for (const auto& change : changes) {
    JournalEntry entry;
    entry.seq = head.seq + 1;
    entry.ticket = ticket;
    entry.event = head.event;
    entry.at = at;
    entry.actor = std::string(actor);
    entry.action = std::string(action);
    entry.field = change.field;
    entry.old_value = change.old_value;
    entry.new_value = change.new_value;
    seal_journal_entry(entry, head.hash);
    auto statement = m_connection.prepare(
        "INSERT INTO journal (seq, ticket_id, event, at, actor, action, field, old_value, new_value, "
        "content_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Rows<Statement>::bind_journal_entry(statement, entry);
    if (auto done = statement.run(); !done) return tl::unexpected(done.error());
    head.seq = entry.seq;
    head.hash = std::move(entry.hash);
  }
  m_head = std::move(head);
  return {};
}

template <class Connection>
Result<std::optional<IdempotencyRecord>> SqlWriteTransaction<Connection>::find_idempotency(std::string_view scope,
                                                                                  std::string_view key) {
  return Queries<Connection>::idempotency(m_connection, scope, key);
}

template <class Connection>
Result<void> SqlWriteTransaction<Connection>::save_idempotency(std::string_view scope, std::string_view key,
                                                      const IdempotencyRecord& record, Timestamp at) {
  auto statement = m_connection.prepare(
      "INSERT INTO idempotency_keys (scope, key, fingerprint, ticket_id, created_at) VALUES (?, ?, ?, ?, ?)");
  statement.bind(1, scope).bind(2, key).bind(3, record.fingerprint).bind(4, record.ticket.value);
  statement.bind(5, to_epoch_ms(at));
  if (auto done = statement.run(); !done) {
    if (done.error().code == ErrorCode::conflict) return fail(ErrorCode::conflict, "the idempotency key is in use");
    return tl::unexpected(done.error());
  }
  return {};
}

template <class Connection>
Result<bool> SqlWriteTransaction<Connection>::upsert_candidate(const Candidate& candidate) {
  auto existing = Queries<Connection>::candidate(m_connection, candidate.ref);
  if (!existing) return tl::unexpected(existing.error());
  // A replaced profile keeps the time the candidate was first seen.
  auto statement = m_connection.prepare(
      "INSERT INTO candidates (ats, external_id, name, email, level, geography, fields, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ats, external_id) DO UPDATE SET name = excluded.name, "
      "email = excluded.email, level = excluded.level, geography = excluded.geography, fields = excluded.fields, "
      "updated_at = excluded.updated_at");
  Rows<Statement>::bind_candidate(statement, candidate);
  if (auto done = statement.run(); !done) return tl::unexpected(done.error());
  return !existing->has_value();
}

template <class Connection>
Result<ApiKeyId> SqlWriteTransaction<Connection>::insert_api_key(const ApiKeyRecord& key) {
  auto statement = m_connection.prepare(
      "INSERT INTO api_keys (name, role, team, secret_hash, created_at, expires_at, revoked) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, key.name).bind(2, key.role).bind(3, key.team).bind(4, key.secret_hash);
  statement.bind(5, to_epoch_ms(key.created_at));
  if (key.expires_at) {
    statement.bind(6, to_epoch_ms(*key.expires_at));
  } else {
    statement.bind_null(6);
  }
  statement.bind(7, key.revoked);
  auto id = inserted_id(statement);
  if (!id) {
    if (id.error().code == ErrorCode::conflict) return fail(ErrorCode::conflict, "an API key with that secret exists");
    return tl::unexpected(id.error());
  }
  return ApiKeyId{*id};
}

template class SqlWriteTransaction<sqlite::Connection>;
template class SqlWriteTransaction<postgresql::Connection>;

}  // namespace snag::sql
