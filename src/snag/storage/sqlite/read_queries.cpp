#include <snag/storage/sqlite/read_queries.hpp>
#include <snag/storage/sqlite/record_rows.hpp>
#include <snag/storage/sqlite/ticket_list_sql.hpp>
#include <snag/storage/sqlite/ticket_rows.hpp>

namespace snag::sqlite {

namespace {
std::string select_from(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += rest;
  return sql;
}
}  // namespace

Result<std::optional<Ticket>> select_ticket(Connection& connection, TicketId id) {
  static const std::string sql = select_from(k_ticket_columns, " FROM tickets WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Ticket>{};
  auto ticket = read_ticket(statement);
  if (!ticket) return tl::unexpected(ticket.error());
  return std::optional<Ticket>{std::move(*ticket)};
}

Result<TicketPage> select_ticket_page(Connection& connection, const TicketQuery& query) {
  auto list = build_list_sql(query);
  if (!list) return tl::unexpected(list.error());
  TicketPage page;
  if (!*list) return page;
  auto statement = connection.prepare((*list)->sql);
  int index = 1;
  for (const auto& param : (*list)->params) {
    std::visit([&](const auto& value) { statement.bind(index, value); }, param);
    ++index;
  }
  const auto page_size = static_cast<std::size_t>((*list)->page_size);
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
    auto ticket = read_ticket(statement);
    if (!ticket) return tl::unexpected(ticket.error());
    page.items.push_back(std::move(*ticket));
  }
  return page;
}

Result<std::vector<JournalEntry>> select_ticket_journal(Connection& connection, TicketId id) {
  static const std::string sql = select_from(k_journal_columns, " FROM journal WHERE ticket_id = ? ORDER BY seq");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  std::vector<JournalEntry> entries;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return entries;
    auto entry = read_journal_entry(statement);
    if (!entry) return tl::unexpected(entry.error());
    entries.push_back(std::move(*entry));
  }
}

Result<void> scan_journal_rows(Connection& connection, const std::function<bool(const JournalEntry&)>& visit) {
  static const std::string sql = select_from(k_journal_columns, " FROM journal ORDER BY seq");
  auto statement = connection.prepare(sql);
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return {};
    auto entry = read_journal_entry(statement);
    if (!entry) return tl::unexpected(entry.error());
    if (!visit(*entry)) return {};
  }
}

Result<std::optional<Candidate>> select_candidate(Connection& connection, const CandidateRef& ref) {
  static const std::string sql = select_from(k_candidate_columns, " FROM candidates WHERE ats = ? AND external_id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, ref.ats).bind(2, ref.external_id);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Candidate>{};
  auto candidate = read_candidate(statement);
  if (!candidate) return tl::unexpected(candidate.error());
  return std::optional<Candidate>{std::move(*candidate)};
}

Result<std::optional<ApiKeyRecord>> select_api_key(Connection& connection, std::string_view secret_hash) {
  static const std::string sql = select_from(k_api_key_columns, " FROM api_keys WHERE secret_hash = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, secret_hash);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<ApiKeyRecord>{};
  return std::optional<ApiKeyRecord>{read_api_key(statement)};
}

Result<std::optional<IdempotencyRecord>> select_idempotency(Connection& connection, std::string_view scope,
                                                            std::string_view key) {
  auto statement =
      connection.prepare("SELECT fingerprint, ticket_id FROM idempotency_keys WHERE scope = ? AND key = ?");
  statement.bind(1, scope).bind(2, key);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<IdempotencyRecord>{};
  return std::optional<IdempotencyRecord>{IdempotencyRecord{statement.text(0), TicketId{statement.int64(1)}}};
}

}  // namespace snag::sqlite
