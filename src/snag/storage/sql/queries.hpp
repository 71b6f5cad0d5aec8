#pragma once
// The read statements, written once for both backends and run on any connection: a reader from
// the pool, or the writer's connection inside a write (where they see the write's own
// uncommitted changes).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// The end of the journal chain: the next entry continues from it.
struct JournalHead {
  std::int64_t seq = 0;
  std::int64_t event = 0;
  std::string hash{k_genesis_hash};
};

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// queries.cpp); each names its sql::Dialect through Connection::dialect().
template <class Connection>
struct Queries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  static Result<std::optional<Ticket>> ticket(Connection& connection, TicketId id);
  static Result<TicketPage> ticket_page(Connection& connection, const TicketQuery& query);
  static Result<std::vector<TypeTotals>> type_totals(Connection& connection, const TicketQuery& query, Timestamp now);
  static Result<std::vector<WeekCount>> weekly_counts(Connection& connection, const TicketQuery& query,
                                                      Timestamp origin, WeeklyCountKey key);
  static Result<WithdrawalCounts> withdrawal_counts(Connection& connection, const TicketQuery& query,
                                                    std::optional<Timestamp> from, std::optional<Timestamp> to);
  // A ticket's journal entries in seq order.
  static Result<std::vector<JournalEntry>> ticket_journal(Connection& connection, TicketId id);
  // Calls `visit` with every journal entry in seq order until it returns false.
  static Result<void> scan_journal(Connection& connection, const std::function<bool(const JournalEntry&)>& visit);
  // At most `limit` entries with seq > `after_seq`, in seq order.
  static Result<std::vector<JournalEntry>> journal_after(Connection& connection, std::int64_t after_seq,
                                                         std::size_t limit);
  // The head from the last journal row (the genesis head for an empty journal).
  static Result<JournalHead> journal_head(Connection& connection);
  static Result<std::optional<Candidate>> candidate(Connection& connection, const CandidateRef& ref);
  static Result<std::optional<ApiKeyRecord>> api_key(Connection& connection, std::string_view secret_hash);
  static Result<std::optional<IdempotencyRecord>> idempotency(Connection& connection, std::string_view scope,
                                                              std::string_view key);
};

}  // namespace snag::sql
