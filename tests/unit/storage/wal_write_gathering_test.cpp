// The connections' VFS hands a commit's WAL frames to the kernel in a few large write calls, and
// nothing it holds back is ever visible to a reader before it is in the file.

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <store_fixtures.hpp>

#include <snag/storage/sqlite/connection.hpp>

namespace snag {
namespace wal_write_gathering_test {

using testing::TestDatabase;

std::unique_ptr<sqlite::Connection> open(const TestDatabase& database, sqlite::OpenMode mode) {
  std::filesystem::create_directories(database.file().parent_path());
  auto connection = sqlite::Connection::open(database.file().string(), mode);
  if (!connection) throw std::runtime_error(connection.error().message);
  return std::move(*connection);
}

std::int64_t single_number(sqlite::Connection& connection, const std::string& sql) {
  auto statement = connection.prepare(sql);
  auto row = statement.step();
  if (!row || !*row) throw std::runtime_error("no row for " + sql);
  return statement.int64(0);
}

// The write calls this process has made so far (pwrite included), as the kernel counts them.
std::int64_t write_calls_so_far() {
  std::ifstream io("/proc/self/io");
  std::string key;
  std::int64_t value = 0;
  while (io >> key >> value) {
    if (key == "syscw:") return value;
  }
  throw std::runtime_error("/proc/self/io has no syscw");
}

// Rows whose index entries land on pages all over the index, as tickets' candidate keys do.
constexpr const char* k_scattered_rows =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
    "INSERT INTO notes (key, body) SELECT hex(randomblob(16)), zeroblob(300) FROM n";

void create_notes(sqlite::Connection& connection) {
  ASSERT_TRUE(
      connection.exec("CREATE TABLE IF NOT EXISTS notes (key TEXT NOT NULL, body BLOB NOT NULL); "
                      "CREATE INDEX IF NOT EXISTS notes_key ON notes (key);"));
}

void insert_notes(sqlite::Connection& connection, std::int64_t count) {
  auto insert = connection.prepare(k_scattered_rows);
  insert.bind(1, count);
  auto ran = insert.run();
  ASSERT_TRUE(ran) << ran.error().message;
}

TEST(WalWriteGathering, ACommitsFramesGoToTheKernelInPiecesOf124KiB) {
  TestDatabase database;
  auto writer = open(database, sqlite::OpenMode::read_write_create);
  writer->defer_checkpoints();  // so that wal_pages() counts every frame
  create_notes(*writer);
  insert_notes(*writer, 20'000);  // an index wide enough that random keys dirty many pages
  const auto frames_before = writer->wal_pages();

  ASSERT_TRUE(writer->exec("BEGIN"));
  insert_notes(*writer, 200);
  const auto calls_before = write_calls_so_far();
  ASSERT_TRUE(writer->exec("COMMIT"));
  const auto calls = write_calls_so_far() - calls_before;

  // Each frame alone would be two calls (its header, then its page).
  const auto frames = writer->wal_pages() - frames_before;
  EXPECT_GE(frames, 50);
  EXPECT_LE(calls, frames * (24 + 4096) / (124 * 1024) + 1);
}

TEST(WalWriteGathering, AReaderSeesEveryCommittedRowAndNothingUncommitted) {
  TestDatabase database;
  auto writer = open(database, sqlite::OpenMode::read_write_create);
  create_notes(*writer);
  auto reader = open(database, sqlite::OpenMode::read_only);

  for (int round = 1; round <= 20; ++round) {
    ASSERT_TRUE(writer->exec("BEGIN"));
    insert_notes(*writer, 50);
    EXPECT_EQ(single_number(*reader, "SELECT COUNT(*) FROM notes"), (round - 1) * 50);
    ASSERT_TRUE(writer->exec("COMMIT"));
    EXPECT_EQ(single_number(*reader, "SELECT COUNT(*) FROM notes"), round * 50);
  }
}

TEST(WalWriteGathering, WithoutASyncPerCommitReadersStillSeeWholeCommits) {
  TestDatabase database;
  auto writer = open(database, sqlite::OpenMode::read_write_create);
  ASSERT_TRUE(writer->exec("PRAGMA synchronous=NORMAL"));  // commits publish without a WAL sync
  create_notes(*writer);
  auto reader = open(database, sqlite::OpenMode::read_only);
  for (int round = 1; round <= 10; ++round) {
    insert_notes(*writer, 100);
    EXPECT_EQ(single_number(*reader, "SELECT COUNT(*) FROM notes WHERE length(body) = 300"), round * 100);
  }
  EXPECT_EQ(single_number(*reader, "SELECT COUNT(*) FROM notes INDEXED BY notes_key WHERE key > ''"), 1000);
}

TEST(WalWriteGathering, ATransactionLargerThanTheGatheringLimitAndARollbackKeepTheFileWhole) {
  TestDatabase database;
  {
    auto writer = open(database, sqlite::OpenMode::read_write_create);
    ASSERT_TRUE(writer->exec("PRAGMA cache_size=-1024"));  // small: the big transaction spills pages
    create_notes(*writer);
    insert_notes(*writer, 30'000);  // about 12 MB, beyond the 4 MiB gathered at most

    ASSERT_TRUE(writer->exec("BEGIN"));
    insert_notes(*writer, 20'000);
    ASSERT_TRUE(writer->exec("ROLLBACK"));
    insert_notes(*writer, 10);
  }

  // SQLite's own VFS, on a fresh connection, reads the same file: the format is SQLite's.
  sqlite3* plain = nullptr;
  ASSERT_EQ(sqlite3_open_v2(database.file().string().c_str(), &plain, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> closer(plain, sqlite3_close);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(plain,
                               "SELECT (SELECT COUNT(*) FROM notes), (SELECT integrity_check FROM "
                               "pragma_integrity_check)",
                               -1, &statement, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(statement, 0), 30'010);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)), "ok");
  sqlite3_finalize(statement);
}

}  // namespace wal_write_gathering_test
}  // namespace snag
