#pragma once
// The statements of the compliance lifecycle (legal_holds, erasure_requests, the redaction of
// comments, notifications and journal entries, and retention's reads and deletes), written once for both backends. The reads
// run on any connection; the writes only on the writer's, inside a work (SqlWriteTransaction).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sql/summary_deltas.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// compliance_queries.cpp).
template <class Connection>
struct ComplianceQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  // The reads, as Store and WriteTransaction (app/ports/store.hpp) describe them.
  static Result<std::optional<LegalHold>> legal_hold(Connection& connection, LegalHoldId id);
  static Result<std::vector<LegalHold>> legal_holds(Connection& connection);
  static Result<std::vector<LegalHold>> active_legal_holds(Connection& connection);
  static Result<std::optional<ErasureRequest>> erasure_request(Connection& connection, ErasureRequestId id);
  static Result<std::vector<ErasureRequest>> erasure_requests(Connection& connection, std::size_t limit);
  static Result<std::vector<ErasureRequest>> erasure_requests_in(Connection& connection, ErasureStatus status);
  static Result<std::vector<RetentionSubject>> retention_subjects(Connection& connection, TicketId after,
                                                                  std::size_t limit);

  // The writes.
  static Result<LegalHoldId> insert_legal_hold(Connection& connection, const LegalHold& hold);
  static Result<void> update_legal_hold(Connection& connection, const LegalHold& hold);
  static Result<ErasureRequestId> insert_erasure_request(Connection& connection, const ErasureRequest& request);
  static Result<void> update_erasure_request(Connection& connection, const ErasureRequest& request);
  static Result<void> store_redacted_journal_entry(Connection& connection, const JournalEntry& entry);
  static Result<std::int64_t> redact_comments(Connection& connection, TicketId ticket, std::string_view marker);
  static Result<std::int64_t> redact_notifications(Connection& connection, TicketId ticket, std::string_view marker);
  static Result<bool> delete_ticket(Connection& connection, SummaryDeltas& summaries, TicketId id);
  static Result<std::int64_t> redact_deliveries(Connection& connection, const CandidateRef& candidate,
                                                std::string_view marker);
};

}  // namespace snag::sql
