// The connections' VFS hands a commit's WAL frames to the kernel in a few large write calls, and
// nothing it holds back is ever visible to a reader before it is in the file.

#include <atomic>
#include <cerrno>
#include <filesystem>
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

// Counts the write calls of SQLite's unix VFS (which the connections' VFS hands its writes to)
// through SQLite's own hook for replacing a system call. Not the process's write count in
// /proc/self/io: a sanitizer's runtime writes too (ASan probes memory by writing it to a pipe).
// Each system call keeps the function it replaced, to call it.
// While set, every write call fails as on a full disk.
std::atomic<bool> g_disk_full{false};
std::atomic<std::int64_t> g_write_calls{0};
sqlite3_syscall_ptr g_pwrite = nullptr;
sqlite3_syscall_ptr g_pwrite64 = nullptr;
sqlite3_syscall_ptr g_write = nullptr;

bool refused() {
  if (!g_disk_full) return false;
  errno = ENOSPC;
  return true;
}
ssize_t counted_pwrite(int fd, const void* data, size_t size, off_t offset) {
  ++g_write_calls;
  if (refused()) return -1;
  return reinterpret_cast<ssize_t (*)(int, const void*, size_t, off_t)>(g_pwrite)(fd, data, size, offset);
}
ssize_t counted_pwrite64(int fd, const void* data, size_t size, off64_t offset) {
  ++g_write_calls;
  if (refused()) return -1;
  return reinterpret_cast<ssize_t (*)(int, const void*, size_t, off64_t)>(g_pwrite64)(fd, data, size, offset);
}
ssize_t counted_write(int fd, const void* data, size_t size) {
  ++g_write_calls;
  if (refused()) return -1;
  return reinterpret_cast<ssize_t (*)(int, const void*, size_t)>(g_write)(fd, data, size);
}

class CountedWrites {
 public:
  CountedWrites() : m_unix(sqlite3_vfs_find("unix")) {
    if (m_unix == nullptr || m_unix->iVersion < 3) throw std::runtime_error("no unix VFS with system calls");
    replace("pwrite", g_pwrite, reinterpret_cast<sqlite3_syscall_ptr>(&counted_pwrite));
    replace("pwrite64", g_pwrite64, reinterpret_cast<sqlite3_syscall_ptr>(&counted_pwrite64));
    replace("write", g_write, reinterpret_cast<sqlite3_syscall_ptr>(&counted_write));
  }
  CountedWrites(const CountedWrites&) = delete;
  CountedWrites& operator=(const CountedWrites&) = delete;
  ~CountedWrites() { m_unix->xSetSystemCall(m_unix, nullptr, nullptr); }  // every call back to its default

  std::int64_t so_far() const { return g_write_calls.load(); }

 private:
  void replace(const char* name, sqlite3_syscall_ptr& real, sqlite3_syscall_ptr counted) {
    real = m_unix->xGetSystemCall(m_unix, name);
    if (real != nullptr) m_unix->xSetSystemCall(m_unix, name, counted);
  }

  sqlite3_vfs* m_unix;
};

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
  const CountedWrites counted;
  const auto calls_before = counted.so_far();
  ASSERT_TRUE(writer->exec("COMMIT"));
  const auto calls = counted.so_far() - calls_before;

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

TEST(WalWriteGathering, WithoutASyncPerCommitAFailedWriteFailsTheCommitBeforeAnyReaderSeesIt) {
  TestDatabase database;
  auto writer = open(database, sqlite::OpenMode::read_write_create);
  ASSERT_TRUE(writer->exec("PRAGMA synchronous=NORMAL"));  // as the store's writer: no sync at COMMIT
  create_notes(*writer);
  insert_notes(*writer, 100);
  auto reader = open(database, sqlite::OpenMode::read_only);

  const CountedWrites counted;
  ASSERT_TRUE(writer->exec("BEGIN"));
  insert_notes(*writer, 50);  // small: every frame is still gathered, none written yet
  g_disk_full = true;
  const auto committed = writer->exec("COMMIT");
  g_disk_full = false;
  EXPECT_FALSE(committed);
  if (writer->in_transaction()) {
    ASSERT_TRUE(writer->exec("ROLLBACK"));
  }

  EXPECT_EQ(single_number(*reader, "SELECT COUNT(*) FROM notes"), 100);
  insert_notes(*writer, 10);
  EXPECT_EQ(single_number(*reader, "SELECT COUNT(*) FROM notes WHERE length(body) = 300"), 110);
  EXPECT_EQ(single_number(*reader, "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
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
