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
#include <snag/util/error.hpp>

namespace snag::sqlite {

using SqlValue = std::variant<std::int64_t, std::string>;

struct ListSql {
  std::string sql;
  std::vector<SqlValue> params;  // for ?1, ?2, … in order
  int page_size = k_default_page_size;  // the query fetches page_size + 1 rows to see whether more follow
};

// The FTS5 query for what a user typed: each word a quoted phrase, all of them required, the
// last one also matching as a prefix. nullopt when the text holds no word at all.
std::optional<std::string> fts_match_expression(std::string_view text);

// nullopt when the query can match nothing (a text without words); invalid_argument when the
// cursor belongs to another sort.
Result<std::optional<ListSql>> build_list_sql(const TicketQuery& query);

// What the cursor stores for `ticket` under `sort`: created/updated time in ms, or the
// severity number 1..4. Kept here so that storage does not depend on the domain's encoding.
std::int64_t list_sort_value(const Ticket& ticket, TicketSort sort);

}  // namespace snag::sqlite
