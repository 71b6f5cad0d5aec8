// The commit syncer's sync on SQLite: an fdatasync of the database's WAL through a descriptor
// of its own, which follows the WAL when SQLite replaces the file.

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/wal_sync.hpp>

namespace snag {
namespace wal_sync_test {

using testing::TestDatabase;

std::unique_ptr<sqlite::Connection> open_writer(const TestDatabase& database) {
  std::filesystem::create_directories(database.file().parent_path());
  auto connection = sqlite::Connection::open(database.file().string(), sqlite::OpenMode::read_write_create);
  if (!connection) throw std::runtime_error(connection.error().message);
  return std::move(*connection);
}

TEST(WalSync, WithoutAWalThereIsNothingToSyncAndItSaysSo) {
  TestDatabase database;
  sqlite::WalSync sync(database.file().string());
  const auto synced = sync();
  ASSERT_FALSE(synced);
  EXPECT_EQ(synced.error().code, ErrorCode::unavailable);
  EXPECT_NE(synced.error().message.find("open"), std::string::npos) << synced.error().message;
}

TEST(WalSync, SyncsTheWalAndFollowsItWhenSQLiteReplacesTheFile) {
  TestDatabase database;
  const std::filesystem::path wal = database.file().string() + "-wal";
  sqlite::WalSync sync(database.file().string());
  {
    auto writer = open_writer(database);
    ASSERT_TRUE(writer->exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('one');"));
    EXPECT_TRUE(sync());
    ASSERT_TRUE(writer->exec("INSERT INTO notes VALUES ('two');"));
    EXPECT_TRUE(sync());
  }
  // The last connection closed, and SQLite removed the WAL: the descriptor kept is not synced
  // as if it were still the database's.
  EXPECT_FALSE(std::filesystem::exists(wal));
  EXPECT_FALSE(sync());
  auto writer = open_writer(database);
  ASSERT_TRUE(writer->exec("INSERT INTO notes VALUES ('three');"));
  ASSERT_TRUE(std::filesystem::exists(wal));
  EXPECT_TRUE(sync());  // the new WAL
}

}  // namespace wal_sync_test
}  // namespace snag
