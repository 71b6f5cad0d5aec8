// SQLite specifics of opening a store: the file, its directories and PRAGMA user_version.

#include <filesystem>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <store_fixtures.hpp>

#include <snag/storage/open_store.hpp>

namespace snag {
namespace {

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
  EXPECT_GE(user_version(database.file()), 1);
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

}  // namespace
}  // namespace snag
