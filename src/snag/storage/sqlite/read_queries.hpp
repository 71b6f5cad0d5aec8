#pragma once
// The read statements, written once and run on any connection: a reader from the pool, or the
// writer's connection inside a write (where they see the write's own uncommitted changes).

#include <functional>
#include <optional>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sqlite {

Result<std::optional<Ticket>> select_ticket(Connection& connection, TicketId id);
Result<TicketPage> select_ticket_page(Connection& connection, const TicketQuery& query);
Result<std::vector<JournalEntry>> select_ticket_journal(Connection& connection, TicketId id);
Result<void> scan_journal_rows(Connection& connection, const std::function<bool(const JournalEntry&)>& visit);
Result<std::optional<Candidate>> select_candidate(Connection& connection, const CandidateRef& ref);
Result<std::optional<ApiKeyRecord>> select_api_key(Connection& connection, std::string_view secret_hash);
Result<std::optional<IdempotencyRecord>> select_idempotency(Connection& connection, std::string_view scope,
                                                            std::string_view key);

}  // namespace snag::sqlite
