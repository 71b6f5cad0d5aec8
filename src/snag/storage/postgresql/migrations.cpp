#include <string>

#include <snag/storage/postgresql/advisory_locks.hpp>
#include <snag/storage/postgresql/migrations.hpp>
#include <snag/storage/sql/schema.hpp>

namespace snag::postgresql {

namespace {

Result<int> schema_version(Connection& connection) {
  auto statement = connection.prepare("SELECT version FROM snag_schema");
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  return *row ? static_cast<int>(statement.int64(0)) : 0;
}

Result<int> migrate_in_transaction(Connection& connection) {
  // Transaction-scoped: released by the COMMIT or ROLLBACK that ends the migration.
  if (auto locked = connection.exec("SELECT pg_advisory_xact_lock(" + std::to_string(k_schema_lock) + ")");
      !locked) {
    return tl::unexpected(locked.error());
  }
  if (auto created = connection.exec("CREATE TABLE IF NOT EXISTS snag_schema (version INTEGER NOT NULL)");
      !created) {
    return tl::unexpected(created.error());
  }
  auto version = schema_version(connection);
  if (!version) return tl::unexpected(version.error());
  const int latest = sql::latest_schema_version();
  if (*version > latest) {
    return fail(ErrorCode::invalid_argument, "the database has schema version " + std::to_string(*version) +
                                                 ", newer than this snag understands (" + std::to_string(latest) +
                                                 ")");
  }
  if (*version == 0) {
    if (auto inserted = connection.exec("INSERT INTO snag_schema (version) VALUES (0)"); !inserted) {
      return tl::unexpected(inserted.error());
    }
  }
  for (int next = *version + 1; next <= latest; ++next) {
    if (auto applied = connection.exec(sql::migration_sql(next, sql::postgresql_dialect())); !applied) {
      return tl::unexpected(applied.error());
    }
    if (auto bumped = connection.exec("UPDATE snag_schema SET version = " + std::to_string(next)); !bumped) {
      return tl::unexpected(bumped.error());
    }
  }
  return latest;
}

}  // namespace

Result<int> apply_migrations(Connection& connection) {
  // PostgreSQL's DDL is transactional: a failed migration leaves the schema as it was.
  if (auto begin = connection.exec("BEGIN"); !begin) return tl::unexpected(begin.error());
  auto migrated = migrate_in_transaction(connection);
  if (!migrated) {
    (void)connection.exec("ROLLBACK");
    return migrated;
  }
  if (auto commit = connection.exec("COMMIT"); !commit) return tl::unexpected(commit.error());
  return migrated;
}

}  // namespace snag::postgresql
