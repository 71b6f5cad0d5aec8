#include <cstdint>
#include <string>
#include <variant>

#include <snag/domain/journal.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/access_log_queries.hpp>
#include <snag/storage/sql/list_sql.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {

constexpr std::string_view k_access_columns =
    "seq, at, actor, credential, action, object, ticket_id, candidate_ats, candidate_external_id, address, "
    "prev_hash, hash";

// So that a scan never holds the whole log in memory (a PostgreSQL result is fetched whole).
constexpr std::int64_t k_scan_page = 10000;

std::string select_from(std::string_view rest) {
  std::string sql = "SELECT ";
  sql += k_access_columns;
  sql += " FROM access_log";
  sql += rest;
  return sql;
}

template <class Statement>
void bind_entry(Statement& statement, const AccessEntry& entry) {
  statement.bind(1, entry.seq).bind(2, to_epoch_ms(entry.at)).bind(3, entry.actor).bind(4, entry.credential);
  statement.bind(5, to_string(entry.action)).bind(6, entry.object);
  if (entry.ticket) {
    statement.bind(7, entry.ticket->value);
  } else {
    statement.bind_null(7);
  }
  if (entry.candidate) {
    statement.bind(8, entry.candidate->ats).bind(9, entry.candidate->external_id);
  } else {
    statement.bind_null(8).bind_null(9);
  }
  statement.bind(10, entry.address).bind(11, entry.prev_hash).bind(12, entry.hash);
}

template <class Statement>
Result<AccessEntry> read_entry(const Statement& statement) {
  AccessEntry entry;
  entry.seq = statement.int64(0);
  entry.at = from_epoch_ms(statement.int64(1));
  entry.actor = statement.text(2);
  entry.credential = statement.text(3);
  const auto action = parse_access_action(statement.text(4));
  if (!action) return fail(ErrorCode::internal, "database error: a stored access log entry has an unknown action");
  entry.action = *action;
  entry.object = statement.text(5);
  if (auto ticket = statement.optional_int64(6)) entry.ticket = TicketId{*ticket};
  if (!statement.is_null(7)) entry.candidate = CandidateRef{statement.text(7), statement.text(8)};
  entry.address = statement.text(9);
  entry.prev_hash = statement.text(10);
  entry.hash = statement.text(11);
  return entry;
}

// Reads every row into `entries`, or up to `limit` of them when the statement has more (then
// true: more follow).
template <class Statement>
Result<bool> read_entries(Statement& statement, std::size_t limit, std::vector<AccessEntry>& entries) {
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return false;
    if (entries.size() == limit) return true;  // the extra row only says that more follow
    auto entry = read_entry(statement);
    if (!entry) return tl::unexpected(entry.error());
    entries.push_back(std::move(*entry));
  }
}

}  // namespace

template <class Connection>
Result<void> AccessLogQueries<Connection>::append(Connection& connection, std::vector<AccessEntry> entries,
                                                  std::optional<AccessLogHead>& head) {
  if (entries.empty()) return {};
  if (!head) {
    auto last = connection.prepare("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1");
    auto row = last.step();
    if (!row) return tl::unexpected(row.error());
    head = *row ? AccessLogHead{last.int64(0), last.text(1)} : AccessLogHead{0, std::string(k_genesis_hash)};
  }
  // Moved only once every row is in (a work that ignored a failure here must not fork the chain).
  std::int64_t seq = head->seq;
  std::string hash = head->hash;
  for (auto& entry : entries) {
    entry.seq = ++seq;
    seal_access_entry(entry, hash);
    auto statement = connection.prepare(
        "INSERT INTO access_log (seq, at, actor, credential, action, object, ticket_id, candidate_ats, "
        "candidate_external_id, address, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_entry(statement, entry);
    if (auto done = statement.queue(); !done) return tl::unexpected(done.error());
    hash = entry.hash;
  }
  head = AccessLogHead{seq, std::move(hash)};
  return {};
}

template <class Connection>
Result<AccessLogPage> AccessLogQueries<Connection>::page(Connection& connection, const AccessLogQuery& query) {
  if (query.limit < 1) return fail(ErrorCode::invalid_argument, "the access log page limit must be at least 1");
  // The text depends only on which filters are set (64 shapes at most), never on the values.
  std::string conditions;
  std::vector<SqlValue> params;
  const auto add = [&](std::string_view condition) {
    conditions += conditions.empty() ? " WHERE " : " AND ";
    conditions += condition;
  };
  if (query.actor) {
    add("actor = ?");
    params.emplace_back(*query.actor);
  }
  if (query.action) {
    add("action = ?");
    params.emplace_back(std::string(to_string(*query.action)));
  }
  if (query.ticket) {
    add("ticket_id = ?");
    params.emplace_back(query.ticket->value);
  }
  if (query.candidate) {
    add("candidate_ats = ? AND candidate_external_id = ?");
    params.emplace_back(query.candidate->ats);
    params.emplace_back(query.candidate->external_id);
  }
  if (query.since) {
    add("at >= ?");
    params.emplace_back(to_epoch_ms(*query.since));
  }
  if (query.before_seq) {
    add("seq < ?");
    params.emplace_back(*query.before_seq);
  }
  params.emplace_back(static_cast<std::int64_t>(query.limit) + 1);
  auto statement = connection.prepare(select_from(conditions + " ORDER BY seq DESC LIMIT ?"));
  int index = 1;
  for (const auto& param : params) {
    std::visit([&](const auto& value) { statement.bind(index, value); }, param);
    ++index;
  }
  AccessLogPage page;
  auto more = read_entries(statement, static_cast<std::size_t>(query.limit), page.items);
  if (!more) return tl::unexpected(more.error());
  if (*more) page.next_before_seq = page.items.back().seq;
  return page;
}

template <class Connection>
Result<void> AccessLogQueries<Connection>::scan(Connection& connection,
                                                const std::function<bool(const AccessEntry&)>& visit) {
  static const std::string sql = select_from(" WHERE seq > ? ORDER BY seq LIMIT ?");
  std::int64_t after = 0;
  for (;;) {
    std::vector<AccessEntry> entries;
    {
      auto statement = connection.prepare(sql);
      statement.bind(1, after).bind(2, k_scan_page);
      auto more = read_entries(statement, static_cast<std::size_t>(k_scan_page), entries);
      if (!more) return tl::unexpected(more.error());
    }
    for (const auto& entry : entries) {
      if (!visit(entry)) return {};
    }
    if (entries.size() < static_cast<std::size_t>(k_scan_page)) return {};
    after = entries.back().seq;
  }
}

template struct AccessLogQueries<sqlite::Connection>;
template struct AccessLogQueries<postgresql::Connection>;

}  // namespace snag::sql
