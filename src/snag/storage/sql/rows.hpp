#pragma once
// The mapping between domain records and table rows, shared by every statement that reads or
// writes them and by both backends, so that each column order is written down once.
//
// Rows<Statement> works with either backend's statement type (sqlite::Statement,
// postgresql::Statement), which share one interface: bind(i, value), bind_null(i), int64(c),
// text(c), is_null(c), optional_int64(c), optional_text(c).

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// The columns each read_* expects, in order, unqualified (usable after SELECT).
extern const std::string_view k_ticket_columns;
// How many parameters Rows::bind_ticket binds: every ticket column but the id.
inline constexpr int k_ticket_bound_columns = 26;
extern const std::string_view k_journal_columns;
extern const std::string_view k_candidate_columns;
extern const std::string_view k_api_key_columns;

// "SELECT <columns><rest>".
inline std::string select_from(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += rest;
  return sql;
}

template <class Statement>
struct Rows {
  // Binds every ticket column except id (k_ticket_bound_columns of them) to parameters first…,
  // in k_ticket_columns order.
  static void bind_ticket(Statement& statement, int first, const Ticket& ticket);
  // Reads a ticket from the current row of a statement that selected k_ticket_columns first.
  // internal when a stored JSON value or severity is corrupt.
  static Result<Ticket> read_ticket(const Statement& statement);

  // Binds all k_journal_columns (seq first) to parameters 1..12.
  static void bind_journal_entry(Statement& statement, const JournalEntry& entry);
  static Result<JournalEntry> read_journal_entry(const Statement& statement);

  // Binds all k_candidate_columns to parameters 1..11.
  static void bind_candidate(Statement& statement, const Candidate& candidate);
  static Result<Candidate> read_candidate(const Statement& statement);

  // Reads an API key from the current row of a statement that selected k_api_key_columns first.
  // internal when its stored scope list is corrupt.
  static Result<ApiKeyRecord> read_api_key(const Statement& statement);
};

// A set of scopes as stored (api_keys.scopes, oauth_clients.scopes): a JSON array of strings,
// NULL (nullopt) for "every permission of the role".
std::optional<std::string> scopes_json(const std::optional<std::set<std::string>>& scopes);
// The stored text back as a set; internal when it is not such an array.
Result<std::optional<std::set<std::string>>> parse_scopes(const std::optional<std::string>& json);

}  // namespace snag::sql
