#include <snag/storage/sqlite/read_queries.hpp>
#include <snag/storage/sqlite/record_rows.hpp>
#include <snag/storage/sqlite/ticket_rows.hpp>
#include <snag/storage/sqlite/write_transaction.hpp>

namespace snag::sqlite {

Result<JournalHead> load_journal_head(Connection& connection) {
  // Events are numbered in seq order, so the last row also holds the largest event.
  auto statement = connection.prepare("SELECT seq, event, hash FROM journal ORDER BY seq DESC LIMIT 1");
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return JournalHead{};
  return JournalHead{statement.int64(0), statement.int64(1), statement.text(2)};
}

Result<void> sync_text_index(Connection& connection, const TextChanges& changes) {
  for (const auto& [id, maybe_indexed] : changes) {
    std::optional<std::pair<std::string, std::string>> current;
    {
      auto row = connection.prepare("SELECT title, description FROM tickets WHERE id = ?");
      row.bind(1, id);
      auto found = row.step();
      if (!found) return tl::unexpected(found.error());
      if (*found) current.emplace(row.text(0), row.text(1));
    }
    if (maybe_indexed) {
      auto row = connection.prepare("SELECT title, description FROM tickets_fts WHERE rowid = ?");
      row.bind(1, id);
      auto found = row.step();
      if (!found) return tl::unexpected(found.error());
      if (*found) {
        if (current && current->first == row.text(0) && current->second == row.text(1)) continue;
        auto remove = connection.prepare("DELETE FROM tickets_fts WHERE rowid = ?");
        remove.bind(1, id);
        if (auto done = remove.run(); !done) return tl::unexpected(done.error());
      }
    }
    if (!current) continue;
    auto add = connection.prepare("INSERT INTO tickets_fts (rowid, title, description) VALUES (?, ?, ?)");
    add.bind(1, id).bind(2, current->first).bind(3, current->second);
    if (auto done = add.run(); !done) return tl::unexpected(done.error());
  }
  return {};
}

Result<std::optional<Ticket>> SqliteWriteTransaction::find_ticket(TicketId id) {
  return select_ticket(m_connection, id);
}

Result<TicketId> SqliteWriteTransaction::insert_ticket(const Ticket& ticket) {
  auto statement = m_connection.prepare(
      "INSERT INTO tickets (type, title, description, status, severity, team, assignee, candidate_ats, "
      "candidate_external_id, labels, fields, reporter, created_at, updated_at, version, resolution_due_at, "
      "resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_ticket(statement, 1, ticket);
  if (auto done = statement.run(); !done) return tl::unexpected(done.error());
  const TicketId id{m_connection.last_insert_rowid()};
  m_text_changes.emplace(id.value, false);
  return id;
}

Result<void> SqliteWriteTransaction::update_ticket(const Ticket& ticket) {
  auto statement = m_connection.prepare(
      "UPDATE tickets SET type = ?, title = ?, description = ?, status = ?, severity = ?, team = ?, assignee = ?, "
      "candidate_ats = ?, candidate_external_id = ?, labels = ?, fields = ?, reporter = ?, created_at = ?, "
      "updated_at = ?, version = ?, resolution_due_at = ?, resolved_at = ? WHERE id = ?");
  bind_ticket(statement, 1, ticket);
  statement.bind(18, ticket.id.value);
  if (auto done = statement.run(); !done) return tl::unexpected(done.error());
  if (m_connection.changes() == 0) return fail(ErrorCode::not_found, ticket_key(ticket.id) + " does not exist");
  m_text_changes[ticket.id.value] = true;
  return {};
}

Result<Comment> SqliteWriteTransaction::insert_comment(TicketId ticket, std::string_view author, std::string_view body,
                                                       Timestamp at) {
  auto statement =
      m_connection.prepare("INSERT INTO comments (ticket_id, author, body, created_at) VALUES (?, ?, ?, ?)");
  statement.bind(1, ticket.value).bind(2, author).bind(3, body).bind(4, to_epoch_ms(at));
  if (auto done = statement.run(); !done) {
    if (done.error().code == ErrorCode::conflict) {  // the foreign key: no such ticket
      return fail(ErrorCode::not_found, ticket_key(ticket) + " does not exist");
    }
    return tl::unexpected(done.error());
  }
  return Comment{CommentId{m_connection.last_insert_rowid()}, ticket, std::string(author), std::string(body), at};
}

Result<void> SqliteWriteTransaction::append_journal(TicketId ticket, Timestamp at, std::string_view actor,
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
    bind_journal_entry(statement, entry);
    if (auto done = statement.run(); !done) return tl::unexpected(done.error());
    head.seq = entry.seq;
    head.hash = std::move(entry.hash);
  }
  m_head = std::move(head);
  return {};
}

Result<std::optional<IdempotencyRecord>> SqliteWriteTransaction::find_idempotency(std::string_view scope,
                                                                                  std::string_view key) {
  return select_idempotency(m_connection, scope, key);
}

Result<void> SqliteWriteTransaction::save_idempotency(std::string_view scope, std::string_view key,
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

Result<bool> SqliteWriteTransaction::upsert_candidate(const Candidate& candidate) {
  auto existing = select_candidate(m_connection, candidate.ref);
  if (!existing) return tl::unexpected(existing.error());
  // A replaced profile keeps the time the candidate was first seen.
  auto statement = m_connection.prepare(
      "INSERT INTO candidates (ats, external_id, name, email, level, geography, fields, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ats, external_id) DO UPDATE SET name = excluded.name, "
      "email = excluded.email, level = excluded.level, geography = excluded.geography, fields = excluded.fields, "
      "updated_at = excluded.updated_at");
  bind_candidate(statement, candidate);
  if (auto done = statement.run(); !done) return tl::unexpected(done.error());
  return !existing->has_value();
}

Result<ApiKeyId> SqliteWriteTransaction::insert_api_key(const ApiKeyRecord& key) {
  auto statement = m_connection.prepare(
      "INSERT INTO api_keys (name, role, team, secret_hash, created_at, expires_at, revoked) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, key.name).bind(2, key.role).bind(3, key.team).bind(4, key.secret_hash);
  statement.bind(5, to_epoch_ms(key.created_at));
  if (key.expires_at) {
    statement.bind(6, to_epoch_ms(*key.expires_at));
  } else {
    statement.bind_null(6);
  }
  statement.bind(7, key.revoked);
  if (auto done = statement.run(); !done) {
    if (done.error().code == ErrorCode::conflict)
      return fail(ErrorCode::conflict, "an API key with that secret exists");
    return tl::unexpected(done.error());
  }
  return ApiKeyId{m_connection.last_insert_rowid()};
}

}  // namespace snag::sqlite
