#pragma once
// SQLite's full-text index, tickets_fts, kept in sync by the group-commit writer.

#include <snag/storage/sql/write_transaction.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sqlite {

// Brings tickets_fts up to date for `changes` from the current rows of `tickets`: a changed text
// replaces its index row, an unchanged one is left alone, a ticket that is gone (its insert
// rolled back) is removed. Run once per batch, after the works and before COMMIT, so that FTS5
// buffers the whole batch and flushes once at the commit.
Result<void> sync_text_index(Connection& connection, const sql::TextChanges& changes);

}  // namespace snag::sqlite
