// The WAL checkpointer copies what the writer committed into the database file on its own
// thread, beside a writer whose commits no longer checkpoint; the writer's upkeep keeps the WAL
// from growing without end under a steady stream of commits.

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/wal_checkpointer.hpp>
#include <snag/storage/sqlite/wal_upkeep.hpp>

namespace snag {
namespace wal_checkpointer_test {

using testing::TestDatabase;

// A writer on the test's SQLite file whose commits leave checkpoints to the caller, as the store's.
std::unique_ptr<sqlite::Connection> deferring_writer(const TestDatabase& database) {
  std::filesystem::create_directories(database.file().parent_path());
  auto writer = sqlite::Connection::open(database.file().string(), sqlite::OpenMode::read_write_create);
  if (!writer) throw std::runtime_error(writer.error().message);
  (*writer)->defer_checkpoints();
  return std::move(*writer);
}

TEST(WalCheckpointer, CopiesTheWritersCommitsIntoTheDatabaseFileOnItsOwnThread) {
  TestDatabase database;
  const std::string path = database.file().string();
  auto writer = deferring_writer(database);
  ASSERT_TRUE(
      writer->exec("CREATE TABLE blobs (data BLOB NOT NULL); "
                   "INSERT INTO blobs (data) VALUES (zeroblob(4000000));"));
  // Committed, but only in the WAL: the database file holds its first pages at most.
  EXPECT_GE(writer->wal_pages(), 900);
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
  ASSERT_TRUE(writer->exec("INSERT INTO blobs (data) VALUES (zeroblob(1000))"));
  checkpointer->reset();
  auto count = writer->prepare("SELECT COUNT(*) FROM blobs");
  auto row = count.step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(count.int64(0), 2);
}

TEST(WalUpkeep, MakesTheWalRestartOnceItHoldsTheRestartSizeWhileCommitsKeepComing) {
  TestDatabase database;
  const std::string path = database.file().string();
  auto writer = deferring_writer(database);
  ASSERT_TRUE(writer->exec("CREATE TABLE blobs (data BLOB NOT NULL)"));
  auto checkpointer = sqlite::WalCheckpointer::start(path);
  ASSERT_TRUE(checkpointer) << checkpointer.error().message;
  const sqlite::WalLimits limits{.checkpoint_pages = 50, .restart_pages = 400, .restart_tail_pages = 100};
  sqlite::WalUpkeep upkeep(std::move(*checkpointer), limits);

  // 2,000 pages in all, about 10 per commit: five times the restart size.
  int restarts = 0;
  int last_pages = 0;
  for (int commit = 0; commit < 200; ++commit) {
    ASSERT_TRUE(writer->exec("INSERT INTO blobs (data) VALUES (zeroblob(40000))"));
    const int pages = writer->wal_pages();
    if (pages < last_pages) ++restarts;
    last_pages = pages;
    upkeep.after_commit(*writer);
  }

  EXPECT_GE(restarts, 3);
  // A restart writes the WAL over from its start, so the file's size is the most it ever held:
  // at most twice the restart size (the writer copies whatever is left there) and one commit.
  const auto wal_bytes = std::filesystem::file_size(path + "-wal");
  EXPECT_LT(wal_bytes, (2 * limits.restart_pages + 20) * (4096u + 24u));
  auto count = writer->prepare("SELECT COUNT(*) FROM blobs");
  auto row = count.step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(count.int64(0), 200);
}

}  // namespace wal_checkpointer_test
}  // namespace snag
