#include <string>

#include <snag/storage/sql/schema.hpp>
#include <snag/storage/sqlite/migrations.hpp>

namespace snag::sqlite {

namespace {

Result<int> user_version(Connection& connection) {
  auto statement = connection.prepare("PRAGMA user_version");
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  return *row ? static_cast<int>(statement.int64(0)) : 0;
}

}  // namespace

int latest_schema_version() { return sql::latest_schema_version(); }

std::string migration_sql(int version) { return sql::migration_sql(version, sql::sqlite_dialect()); }

Result<int> apply_migrations(Connection& connection) {
  // IMMEDIATE takes the write lock before reading the version, so two processes opening a fresh
  // file at once cannot both apply migration 1.
  if (auto begin = connection.exec("BEGIN IMMEDIATE"); !begin) return tl::unexpected(begin.error());
  const auto rollback = [&](Error error) -> Result<int> {
    (void)connection.exec("ROLLBACK");
    return tl::unexpected(std::move(error));
  };
  auto version = user_version(connection);
  if (!version) return rollback(version.error());
  if (*version > latest_schema_version()) {
    return rollback(Error{ErrorCode::invalid_argument,
                          "the database has schema version " + std::to_string(*version) +
                              ", newer than this snag understands (" + std::to_string(latest_schema_version()) + ")",
                          {},
                          {}});
  }
  for (int next = *version + 1; next <= latest_schema_version(); ++next) {
    if (auto applied = connection.exec(migration_sql(next)); !applied) {
      return rollback(applied.error());
    }
    if (auto bumped = connection.exec("PRAGMA user_version = " + std::to_string(next)); !bumped) {
      return rollback(bumped.error());
    }
  }
  // An upgraded database holding tickets gets fresh planner statistics for the new indexes
  // (sampled, so it stays quick at a million rows); a new one gets them from PRAGMA optimize.
  if (*version >= 1 && *version < latest_schema_version()) {
    if (auto analyzed = connection.exec("PRAGMA analysis_limit = 1000; ANALYZE tickets;"); !analyzed) {
      return rollback(analyzed.error());
    }
  }
  if (auto commit = connection.exec("COMMIT"); !commit) return rollback(commit.error());
  return latest_schema_version();
}

}  // namespace snag::sqlite
