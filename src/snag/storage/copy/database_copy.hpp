#pragma once
// `snag db copy`: moves a whole installation from one database to another, in any direction
// between the backends (sqlite:PATH, postgresql://…), most often from SQLite to PostgreSQL when
// one node is no longer enough.
//
// The copy is exact: every row of every table in sql/copied_tables.hpp, ids, journal seqs,
// hashes and digests verbatim, so ticket keys stay the same and `snag audit verify` passes on
// the copy. Afterwards the destination issues ids after the source's last (PostgreSQL identity
// sequences set, SQLite's AUTOINCREMENT counters carried over) and SQLite's full-text table is
// rebuilt from the tickets.
//
// The source is only read: it must be at this snag's schema version (never migrated here), and
// it is read in one snapshot (one read transaction) in keyset pages, so that a server still
// writing to it does not tear the copy and memory stays bounded at millions of rows. The
// destination is created if missing and migrated, must hold no data, and is filled in one
// transaction: a failed copy leaves it empty.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/util/error.hpp>

namespace snag {

// Where the copy is; called at the start of each table, after each page and once a table is done.
struct CopyProgress {
  std::string_view table;
  std::size_t table_index = 0;  // 0-based, of table_count
  std::size_t table_count = 0;
  std::int64_t copied = 0;  // rows of this table so far
  std::int64_t total = 0;   // rows of this table in the source's snapshot
  bool done = false;        // the table is complete (copied == total)
};

struct CopiedRows {
  std::string table;
  std::int64_t rows = 0;
};

struct CopySummary {
  std::vector<CopiedRows> tables;  // in copy order
};

using CopyProgressCallback = std::function<void(const CopyProgress&)>;

// Copies the database at `from_url` into the one at `to_url`. invalid_argument, with nothing
// written anywhere, for: a URL of another form, the same database twice, a missing SQLite
// source file, a source at an older or newer schema version (run `snag db migrate` on it), and a
// destination that holds data. unavailable when a database cannot be reached. Messages name
// tables, never SQL, values or passwords.
Result<CopySummary> copy_database(std::string_view from_url, std::string_view to_url,
                                  const CopyProgressCallback& progress = {});

// How the schema of the existing database at `url` differs from the tables and columns the copy
// knows (sql/copied_tables.hpp), as lines such as "table tags is not copied" or "column
// tickets.priority is not copied"; empty when they agree. Bookkeeping tables (snag_schema,
// FTS5 tables and their shadow tables, sqlite_*) and generated columns are not data and never
// differ. The copy refuses a destination that differs; tests call it on a migrated database.
Result<std::vector<std::string>> copy_schema_differences(std::string_view url);

}  // namespace snag
