#pragma once
// A ticket list request: filters, sort and a cursor. Parsed from query parameters by a pure
// function so that every path (HTTP, exports, reports) reads filters the same way.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <snag/domain/access/visibility.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/ids.hpp>
#include <snag/domain/severity.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

enum class TicketSort { created_asc, created_desc, updated_asc, updated_desc, severity_asc };

std::string_view to_string(TicketSort sort);

// Where the previous page ended: the sort value and id of its last ticket.
struct TicketCursor {
  TicketSort sort = TicketSort::created_desc;
  std::int64_t sort_value = 0;
  TicketId last_id;
};

std::string encode_cursor(const TicketCursor& cursor);
std::optional<TicketCursor> decode_cursor(std::string_view text);

inline constexpr int k_default_page_size = 50;
inline constexpr int k_max_page_size = 200;

struct TicketQuery {
  std::vector<std::string> statuses;
  std::vector<Severity> severities;
  std::vector<std::string> types;
  std::vector<std::string> teams;
  std::vector<std::string> assignees;
  std::vector<CandidateRef> candidates;
  std::optional<std::string> text;  // full-text search over title and description
  std::optional<Timestamp> created_after;
  std::optional<Timestamp> created_before;
  TicketSort sort = TicketSort::created_desc;
  int limit = k_default_page_size;
  std::optional<TicketCursor> cursor;
  // Set by the use case from the caller, never from query parameters: only tickets the caller
  // may see. nullopt: every ticket (internal callers such as jobs).
  std::optional<TicketScope> scope;
};

// The sort value of a ticket for `sort` (what a cursor stores): the id for the created_at
// sorts (creation order), updated_at in milliseconds, or the severity's number.
struct Ticket;
std::int64_t sort_value(const Ticket& ticket, TicketSort sort);

// The words of what a user typed: runs of letters, digits and non-ASCII characters (as FTS5's
// unicode61 tokenizer splits), at most `max_words` (a search keeps 16).
inline constexpr std::size_t k_max_search_words = 16;
std::vector<std::string_view> search_words(std::string_view text, std::size_t max_words = k_max_search_words);

// Query parameters may repeat; each value may be a comma list. Unknown parameters,
// unknown statuses/types/teams, bad times, bad limits and cursors that do not belong to
// the requested sort are validation_failed naming the parameter.
Result<TicketQuery> parse_ticket_query(const std::multimap<std::string, std::string>& params, const Catalog& catalog);

// `assignee=me` names the caller, so that one link ("my open tickets") serves everyone.
inline constexpr std::string_view k_assignee_me = "me";
void resolve_me(TicketQuery& query, std::string_view caller);

}  // namespace snag
