#pragma once
// Turns a TicketQuery into one SELECT over `tickets` with every value bound as a parameter.
// The SQL text depends only on the shape of the query (which filters, how many values in
// each IN list, the sort), never on the values, so it is safe to cache and to log.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <snag/domain/ticket.hpp>
#include <snag/domain/ticket_query.hpp>
#include <snag/storage/sql/dialect.hpp>
#include <snag/util/error.hpp>

namespace snag::sql {

using SqlValue = std::variant<std::int64_t, std::string>;

// The most tickets one list query reads. The API asks for at most k_max_page_size; exports and
// reports, which page through whole result sets, ask for more so that each query's fixed cost
// is small beside its rows.
inline constexpr int k_max_store_page_size = 1000;

struct ListSql {
  std::string sql;
  std::vector<SqlValue> params;         // for the ? parameters, in order
  int page_size = k_default_page_size;  // the query fetches page_size + 1 rows to see whether more follow
};

// Binds the ? parameters of a built query, in order.
template <class Statement>
void bind_all(Statement& statement, const std::vector<SqlValue>& params) {
  int index = 1;
  for (const auto& param : params) {
    std::visit([&](const auto& value) { statement.bind(index, value); }, param);
    ++index;
  }
}

// The FTS5 query for what a user typed: each word a quoted phrase, all of them required.
// Words match whole (no prefix queries). nullopt when the text holds no word at all.
std::optional<std::string> fts_match_expression(std::string_view text);
// The same for PostgreSQL: the words joined by spaces, for plainto_tsquery (which requires all).
std::optional<std::string> tsquery_text(std::string_view text);

// The created sorts order by ticket id (ids are issued in creation order); their cursor value
// is the id. created_after / created_before still filter on the created_at column.
//
// How a query is planned (every value is a bound parameter):
// - filters on status / severity / team, sorted by creation or severity: one UNION ALL branch
//   per (status, team, severity) combination (severity expanded to all four when not given),
//   each a range of an index whose leading columns are those equalities and which ends in the
//   id (named with INDEXED BY where the dialect has index hints), so each branch reads at most page_size + 1 entries in order; an outer ORDER BY
//   merges them. At most k_max_list_branches branches, else the single-SELECT plan.
// - text, sorted by creation, on SQLite: the FTS5 table drives the query in rowid order and
//   each match is checked against the ticket row, so a page stops as soon as it is full.
// - anything else (updated sorts, candidates, too many branches, text with another sort, text
//   on PostgreSQL as a tsvector condition): one SELECT with IN lists that the planner orders.
inline constexpr std::size_t k_max_list_branches = 64;

// nullopt when the query can match nothing (a text without words); invalid_argument when the
// cursor belongs to another sort.
Result<std::optional<ListSql>> build_list_sql(const TicketQuery& query, const Dialect& dialect);

}  // namespace snag::sql
