#pragma once
// Where SQLite and PostgreSQL differ, for the SQL that both backends share: the schema's type
// names, how an index reaches the row id, and how full-text search is asked. Every statement
// is written once with `?` parameters; the PostgreSQL connection numbers them.

#include <string_view>

namespace snag::sql {

enum class TextSearch {
  fts5,      // SQLite: the tickets_fts table, kept in sync by the writer once per batch
  tsvector,  // PostgreSQL: a generated tsvector column with a GIN index
};

struct Dialect {
  std::string_view name;
  // Schema tokens (see schema.cpp), each replaced by its text.
  std::string_view integer;             // {integer}: a 64-bit integer column
  std::string_view serial_primary_key;  // {serial}: an id issued by the database, never reused
  std::string_view strict;              // {strict}: after a table's closing parenthesis
  std::string_view strict_without_rowid;  // {strict_without_rowid}: the same, for tables keyed by their primary key
  // {id_tail}: SQLite appends the rowid (id) to every index entry; PostgreSQL is told to, so
  // that an equality range of a list index is in id order in both.
  std::string_view index_id_tail;
  std::string_view text_search_v1;  // {text_search}: the full-text index of schema version 1
  std::string_view text_search_v2;  // … and its change in version 2
  // Jobs: appended to the subquery that picks jobs to lease. PostgreSQL's SKIP LOCKED lets
  // nodes lease at once without waiting for each other; SQLite has one writer at a time.
  std::string_view skip_locked;
  // Lists: whether a branch of the UNION ALL plan names its index (SQLite's INDEXED BY).
  bool index_hints;
  TextSearch text_search;
  // Visibility: true when the JSON array column tickets.watchers holds the one bound value.
  std::string_view watcher_condition;
  // {candidate_foreign_key} (schema version 23): tickets.(candidate_ats, candidate_external_id)
  // names a row of candidates. PostgreSQL adds the foreign key; SQLite cannot add one to an
  // existing table, so triggers refuse what the key would.
  std::string_view candidate_foreign_key;
};

const Dialect& sqlite_dialect();
const Dialect& postgresql_dialect();

}  // namespace snag::sql
