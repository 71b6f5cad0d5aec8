#pragma once
// The WriteTransaction handed to each work by the group-commit writer. It runs on the writer's
// connection inside the open batch transaction and the work's savepoint.

#include <cstdint>
#include <map>
#include <string>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sqlite {

// The end of the journal chain. The writer keeps it in memory so that appending needs no read;
// it is the only writer, so the copy cannot go stale except through its own rollbacks, which
// restore or reload it.
struct JournalHead {
  std::int64_t seq = 0;
  std::int64_t event = 0;
  std::string hash = k_genesis_hash;
};

// Reads the head from the last journal row (the genesis head for an empty journal).
Result<JournalHead> load_journal_head(Connection& connection);

// The tickets whose title or description a batch may have changed, by id: true when the ticket
// may already be in the full-text index (an update), false when it was inserted in the batch.
using TextChanges = std::map<std::int64_t, bool>;

// Brings tickets_fts up to date for `changes` from the current rows of `tickets`: a changed text
// replaces its index row, an unchanged one is left alone, a ticket that is gone (its insert
// rolled back) is removed. Run once per batch, after the works and before COMMIT, so that FTS5
// buffers the whole batch and flushes once at the commit.
Result<void> sync_text_index(Connection& connection, const TextChanges& changes);

// Not thread-safe: used only by the writer thread, for the duration of one work.
class SqliteWriteTransaction final : public WriteTransaction {
 public:
  SqliteWriteTransaction(Connection& connection, JournalHead& head, TextChanges& text_changes)
      : m_connection(connection), m_head(head), m_text_changes(text_changes) {}

  Result<std::optional<Ticket>> find_ticket(TicketId id) override;
  Result<TicketId> insert_ticket(const Ticket& ticket) override;
  Result<void> update_ticket(const Ticket& ticket) override;
  Result<Comment> insert_comment(TicketId ticket, std::string_view author, std::string_view body,
                                 Timestamp at) override;
  Result<void> append_journal(TicketId ticket, Timestamp at, std::string_view actor, std::string_view action,
                              const std::vector<FieldChange>& changes) override;
  Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view scope, std::string_view key) override;
  Result<void> save_idempotency(std::string_view scope, std::string_view key, const IdempotencyRecord& record,
                                Timestamp at) override;
  Result<bool> upsert_candidate(const Candidate& candidate) override;
  Result<ApiKeyId> insert_api_key(const ApiKeyRecord& key) override;

 private:
  Connection& m_connection;
  JournalHead& m_head;
  TextChanges& m_text_changes;
};

}  // namespace snag::sqlite
