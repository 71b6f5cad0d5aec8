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
  std::vector<SqlValue> params;         // for ?1, ?2, … in order
  int page_size = k_default_page_size;  // the query fetches page_size + 1 rows to see whether more follow
};

// The FTS5 query for what a user typed: each word a quoted phrase, all of them required.
// Words match whole: a prefix query re-merges every matching term's postings on each probe,
// which makes the per-ticket probe of TextPlan::most_tickets hundreds of times slower.
// nullopt when the text holds no word at all.
std::optional<std::string> fts_match_expression(std::string_view text);

// How a text search is joined to the rest of the query, chosen by how many tickets match
// (measured on a million tickets, see list_performance_test.cpp):
// - few_matches: fetch the matches by rowid and sort them; cost grows with the matches.
// - many_matches: collect the matching rowids once, then walk the sort order and keep the
//   tickets in that set; cost grows with the matches collected and 1 / their density.
// - most_tickets: walk the sort order and ask FTS5 about each ticket; a page needs only a few
//   probes when most tickets match, and nothing is collected.
enum class TextPlan { few_matches, many_matches, most_tickets };

inline constexpr int k_many_text_matches = 1000;
inline constexpr int k_most_text_matches = 100000;

// nullopt when the query can match nothing (a text without words); invalid_argument when the
// cursor belongs to another sort.
Result<std::optional<ListSql>> build_list_sql(const TicketQuery& query, TextPlan plan = TextPlan::few_matches);

// What the cursor stores for `ticket` under `sort`: created/updated time in ms, or the
// severity number 1..4. Kept here so that storage does not depend on the domain's encoding.
std::int64_t list_sort_value(const Ticket& ticket, TicketSort sort);

}  // namespace snag::sqlite
