// SQLite specifics of opening a store: the file, its directories, PRAGMA user_version, and the
// partial indexes that automation's queries must be planned on.

#include <filesystem>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <store_fixtures.hpp>

#include <snag/storage/open_store.hpp>
#include <snag/storage/sql/schema.hpp>

namespace snag {
namespace sqlite_schema_test {

using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

int user_version(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  const int version = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return version;
}

TEST(SqliteStore, OpeningAMissingFileCreatesItAndMigratesToTheLatestVersion) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  EXPECT_TRUE(std::filesystem::exists(database.file()));
  EXPECT_TRUE(store->ping());
  EXPECT_EQ(user_version(database.file()), sql::latest_schema_version());
}

TEST(SqliteStore, ReopeningAMigratedDatabaseKeepsItsDataAndVersion) {
  TestDatabase database;
  TicketId id;
  {
    auto store = database.open();
    ASSERT_TRUE(store);
    id = insert(*store, sample_ticket());
  }
  const int version = user_version(database.file());
  auto migrated = migrate_database(database.url());
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(*migrated, version);
  auto store = database.open();
  ASSERT_TRUE(store);
  auto found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->title, "Offer letter link expired");
}

TEST(SqliteStore, MigrateDatabaseCreatesAFreshDatabase) {
  TestDatabase database;
  auto migrated = migrate_database(database.url());
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(*migrated, user_version(database.file()));
}

// The plan SQLite picks for `sql` (EXPLAIN QUERY PLAN's details, one per line).
std::string query_plan(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::string plan;
  if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    plan = std::string("cannot prepare: ") + sqlite3_errmsg(db);
  }
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
    plan += '\n';
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return plan;
}

// The statements of storage/sql/automation_queries.cpp, as they are written there: the partial
// indexes serve only queries that repeat their conditions.
TEST(SqliteStore, AutomationQueriesUseTheirPartialIndexes) {
  TestDatabase database;
  ASSERT_TRUE(database.open());
  const std::string due = query_plan(
      database.file(),
      "SELECT id FROM tickets WHERE sla_next_check_at IS NOT NULL AND sla_next_check_at <= 5 "
      "ORDER BY sla_next_check_at, id LIMIT 10");
  EXPECT_NE(due.find("tickets_sla_due"), std::string::npos) << due;
  EXPECT_EQ(due.find("TEMP B-TREE"), std::string::npos) << due;

  const std::string unread = query_plan(
      database.file(),
      "SELECT id FROM notifications WHERE recipient = 'ada' AND read_at IS NULL AND id < 100 "
      "ORDER BY id DESC LIMIT 51");
  EXPECT_NE(unread.find("notifications_unread"), std::string::npos) << unread;
  EXPECT_EQ(unread.find("TEMP B-TREE"), std::string::npos) << unread;

  const std::string count =
      query_plan(database.file(), "SELECT COUNT(*) FROM notifications WHERE recipient = 'ada' AND read_at IS NULL");
  EXPECT_NE(count.find("notifications_unread"), std::string::npos) << count;
}

}  // namespace sqlite_schema_test
}  // namespace snag
