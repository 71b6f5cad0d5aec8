// The WAL checkpointer copies what the writer committed into the database file on its own
// thread, beside a writer whose commits no longer checkpoint.

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/wal_checkpointer.hpp>

namespace snag {
namespace wal_checkpointer_test {

using testing::TestDatabase;

TEST(WalCheckpointer, CopiesTheWritersCommitsIntoTheDatabaseFileOnItsOwnThread) {
  TestDatabase database;
  const std::string path = database.file().string();
  std::filesystem::create_directories(database.file().parent_path());
  auto writer = sqlite::Connection::open(path, sqlite::OpenMode::read_write_create);
  ASSERT_TRUE(writer) << writer.error().message;
  (*writer)->defer_checkpoints();
  ASSERT_TRUE(
      (*writer)->exec("CREATE TABLE blobs (data BLOB NOT NULL); "
                      "INSERT INTO blobs (data) VALUES (zeroblob(4000000));"));
  // Committed, but only in the WAL: the database file holds its first pages at most.
  EXPECT_GE((*writer)->wal_pages(), 900);
  const auto before = std::filesystem::file_size(path);
  EXPECT_LT(before, 1'000'000u);

  auto checkpointer = sqlite::WalCheckpointer::start(path);
  ASSERT_TRUE(checkpointer) << checkpointer.error().message;
  (*checkpointer)->request();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::filesystem::file_size(path) < 4'000'000u && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(std::filesystem::file_size(path), 4'000'000u);

  // The writer goes on while the checkpointer waits for the next request, and stopping it
  // leaves the data whole.
  ASSERT_TRUE((*writer)->exec("INSERT INTO blobs (data) VALUES (zeroblob(1000))"));
  checkpointer->reset();
  auto count = (*writer)->prepare("SELECT COUNT(*) FROM blobs");
  auto row = count.step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(count.int64(0), 2);
}

}  // namespace wal_checkpointer_test
}  // namespace snag
