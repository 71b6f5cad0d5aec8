#pragma once
// Applies the shared schema (sql/schema.hpp) to a PostgreSQL database, whose schema version is
// the one row of snag_schema.

#include <snag/storage/postgresql/connection.hpp>
#include <snag/util/error.hpp>

namespace snag::postgresql {

// Applies every migration the database lacks, all in one transaction, and returns the schema
// version reached. Nodes starting at once take turns (an advisory lock); a database newer than
// this binary is refused (invalid_argument).
Result<int> apply_migrations(Connection& connection);

}  // namespace snag::postgresql
