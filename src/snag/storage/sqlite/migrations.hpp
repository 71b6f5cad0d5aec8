#pragma once
// The SQLite schema as an ordered list of migrations. The schema version is PRAGMA user_version:
// migration i (1-based) brings the database from version i-1 to i. Migrations are append-only:
// a released migration is never edited, a change is a new one.

#include <string_view>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/error.hpp>

namespace snag::sqlite {

// The version a fully migrated database has.
int latest_schema_version();

// The SQL of migration `version` (1-based), for tests that build an older schema.
std::string_view migration_sql(int version);

// Applies every migration the database lacks, all in one transaction, and returns the schema
// version reached. A database newer than this binary is refused (invalid_argument).
Result<int> apply_migrations(Connection& connection);

}  // namespace snag::sqlite
