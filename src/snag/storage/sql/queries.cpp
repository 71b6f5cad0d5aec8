#include <map>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/list_sql.hpp>
#include <snag/storage/sql/queries.hpp>
#include <snag/storage/sql/report_sql.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {
// Every row of a statement that selected k_journal_columns.
template <class Statement>
Result<std::vector<JournalEntry>> journal_rows(Statement& statement) {
  std::vector<JournalEntry> entries;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return entries;
    auto entry = Rows<Statement>::read_journal_entry(statement);
    if (!entry) return tl::unexpected(entry.error());
    entries.push_back(std::move(*entry));
  }
}

}  // namespace

template <class Connection>
Result<std::optional<Ticket>> Queries<Connection>::ticket(Connection& connection, TicketId id) {
  static const std::string sql = select_from(k_ticket_columns, " FROM tickets WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Ticket>{};
  auto ticket = Rows<Statement>::read_ticket(statement);
  if (!ticket) return tl::unexpected(ticket.error());
  return std::optional<Ticket>{std::move(*ticket)};
}

template <class Connection>
Result<TicketPage> Queries<Connection>::ticket_page(Connection& connection, const TicketQuery& query) {
  auto list = build_list_sql(query, Connection::dialect());
  if (!list) return tl::unexpected(list.error());
  TicketPage page;
  if (!*list) return page;
  auto statement = connection.prepare((*list)->sql);
  bind_all(statement, (*list)->params);
  const auto page_size = static_cast<std::size_t>((*list)->page_size);
  page.items.reserve(page_size);
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    if (page.items.size() == page_size) {
      // The extra row only says that another page follows.
      const Ticket& last = page.items.back();
      page.next = TicketCursor{query.sort, sort_value(last, query.sort), last.id};
      break;
    }
    auto ticket = Rows<Statement>::read_ticket(statement);
    if (!ticket) return tl::unexpected(ticket.error());
    page.items.push_back(std::move(*ticket));
  }
  return page;
}

template <class Connection>
Result<std::vector<TypeTotals>> Queries<Connection>::type_totals(Connection& connection, const TicketQuery& query,
                                                                 Timestamp now) {
  const auto totals_sql = build_type_totals_sql(query, now, Connection::dialect());
  auto statement = connection.prepare(totals_sql.sql);
  bind_all(statement, totals_sql.params);
  std::vector<TypeTotals> totals;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return totals;
    totals.push_back({statement.text(0), statement.int64(1), std::chrono::milliseconds{statement.int64(2)}});
  }
}

template <class Connection>
Result<std::vector<WeekCount>> Queries<Connection>::weekly_counts(Connection& connection, const TicketQuery& query,
                                                                   Timestamp origin, WeeklyCountKey key) {
  const auto counts_sql = build_weekly_counts_sql(query, origin, key, Connection::dialect());
  auto statement = connection.prepare(counts_sql.sql);
  bind_all(statement, counts_sql.params);
  std::vector<WeekCount> counts;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return counts;
    counts.push_back({statement.text(0), statement.int64(1), statement.int64(2)});
  }
}

template <class Connection>
Result<WithdrawalCounts> Queries<Connection>::withdrawal_counts(Connection& connection, const TicketQuery& query,
                                                                std::optional<Timestamp> from,
                                                                std::optional<Timestamp> to) {
  WithdrawalCounts counts;
  const auto all_sql = build_withdrawal_counts_sql(nullptr, from, to, Connection::dialect());
  auto all = connection.prepare(all_sql.sql);
  bind_all(all, all_sql.params);
  auto row = all.step();
  if (!row) return tl::unexpected(row.error());
  if (*row) counts.all = {all.int64(0), all.int64(1)};

  const auto by_type_sql = build_withdrawal_counts_sql(&query, from, to, Connection::dialect());
  auto by_type = connection.prepare(by_type_sql.sql);
  bind_all(by_type, by_type_sql.params);
  for (;;) {
    auto next = by_type.step();
    if (!next) return tl::unexpected(next.error());
    if (!*next) return counts;
    counts.by_type.push_back({by_type.text(0), {by_type.int64(1), by_type.int64(2)}});
  }
}

template <class Connection>
Result<std::vector<JournalEntry>> Queries<Connection>::ticket_journal(Connection& connection, TicketId id) {
  static const std::string sql = select_from(k_journal_columns, " FROM journal WHERE ticket_id = ? ORDER BY seq");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return journal_rows(statement);
}

template <class Connection>
Result<std::vector<JournalEntry>> Queries<Connection>::journal_after(Connection& connection, std::int64_t after_seq,
                                                                      std::size_t limit) {
  static const std::string sql = select_from(k_journal_columns, " FROM journal WHERE seq > ? ORDER BY seq LIMIT ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
  return journal_rows(statement);
}

template <class Connection>
Result<void> Queries<Connection>::scan_journal(Connection& connection,
                                               const std::function<bool(const JournalEntry&)>& visit) {
  // In pages, so that a PostgreSQL result never holds the whole journal in memory.
  static constexpr std::size_t k_page = 10000;
  std::int64_t after = 0;
  for (;;) {
    auto page = journal_after(connection, after, k_page);
    if (!page) return tl::unexpected(page.error());
    for (const auto& entry : *page) {
      if (!visit(entry)) return {};
    }
    if (page->size() < k_page) return {};
    after = page->back().seq;
  }
}

template <class Connection>
Result<std::optional<Candidate>> Queries<Connection>::candidate(Connection& connection, const CandidateRef& ref) {
  static const std::string sql = select_from(k_candidate_columns, " FROM candidates WHERE ats = ? AND external_id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, ref.ats).bind(2, ref.external_id);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Candidate>{};
  auto candidate = Rows<Statement>::read_candidate(statement);
  if (!candidate) return tl::unexpected(candidate.error());
  return std::optional<Candidate>{std::move(*candidate)};
}

template <class Connection>
Result<std::optional<ApiKeyRecord>> Queries<Connection>::api_key(Connection& connection, std::string_view secret_hash) {
  static const std::string sql = select_from(k_api_key_columns, " FROM api_keys WHERE secret_hash = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, secret_hash);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<ApiKeyRecord>{};
  auto key = Rows<Statement>::read_api_key(statement);
  if (!key) return tl::unexpected(key.error());
  return std::optional<ApiKeyRecord>{std::move(*key)};
}

template <class Connection>
Result<std::optional<IdempotencyRecord>> Queries<Connection>::idempotency(Connection& connection, std::string_view scope,
                                                            std::string_view key) {
  auto statement =
      connection.prepare("SELECT fingerprint, ticket_id FROM idempotency_keys WHERE scope = ? AND key = ?");
  statement.bind(1, scope).bind(2, key);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<IdempotencyRecord>{};
  return std::optional<IdempotencyRecord>{IdempotencyRecord{statement.text(0), TicketId{statement.int64(1)}}};
}

template <class Connection>
Result<JournalHead> Queries<Connection>::journal_head(Connection& connection) {
  // Events are numbered in seq order, so the last row also holds the largest event.
  auto statement = connection.prepare("SELECT seq, event, hash FROM journal ORDER BY seq DESC LIMIT 1");
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return JournalHead{};
  return JournalHead{statement.int64(0), statement.int64(1), statement.text(2)};
}

template struct Queries<sqlite::Connection>;
template struct Queries<postgresql::Connection>;

}  // namespace snag::sql
