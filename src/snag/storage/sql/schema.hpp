#pragma once
// The schema of both backends as one ordered list of migrations. Migration i (1-based) brings
// a database from version i-1 to i. Migrations are append-only: a released migration is never
// edited, a change is a new one. Where the dialects differ, a migration holds a {token} that
// the backend's Dialect spells out. A new table or column also goes into copied_tables.hpp
// (snag db copy refuses a schema it does not fully know).

#include <string>

#include <snag/storage/sql/dialect.hpp>

namespace snag::sql {

// The version a fully migrated database has.
int latest_schema_version();

// The SQL of migration `version` (1-based) in `dialect`.
std::string migration_sql(int version, const Dialect& dialect);

}  // namespace snag::sql
