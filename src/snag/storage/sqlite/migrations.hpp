#pragma once
// Applies the shared schema (sql/schema.hpp) to an SQLite database, whose schema version is
// PRAGMA user_version.

#include <string>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/error.hpp>

namespace snag::sqlite {

// The version a fully migrated database has.
int latest_schema_version();

// The SQL of migration `version` (1-based), for tests that build an older schema.
std::string migration_sql(int version);

// Applies every migration the database lacks, all in one transaction, and returns the schema
// version reached. A database newer than this binary is refused (invalid_argument).
Result<int> apply_migrations(Connection& connection);

}  // namespace snag::sqlite
