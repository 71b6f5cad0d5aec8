#include <snag/storage/sql/sql_store.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/file_leader_lock.hpp>
#include <snag/storage/sqlite/migrations.hpp>
#include <snag/storage/sqlite/sqlite_store.hpp>
#include <snag/storage/sqlite/text_index.hpp>
#include <snag/storage/sqlite/wal_checkpointer.hpp>
#include <snag/storage/sqlite/wal_sync.hpp>
#include <snag/storage/sqlite/wal_upkeep.hpp>

namespace snag::sqlite {

namespace {
// Readers beyond the I/O threads only queue; each holds a 4 MiB page cache.
constexpr std::size_t k_max_readers = 8;

Result<std::unique_ptr<Connection>> open_writer(const std::string& path) {
  auto writer = Connection::open(path, OpenMode::read_write_create);
  if (!writer) return writer;
  (*writer)->defer_checkpoints();
  // COMMIT writes the WAL without syncing it; the store's syncer does, and answers a batch only
  // then (BatchSteps::sync). A checkpoint still syncs the WAL before it copies any of it.
  if (auto deferred = (*writer)->exec("PRAGMA synchronous=NORMAL"); !deferred) return tl::unexpected(deferred.error());
  return writer;
}
}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  auto writer = open_writer(path);
  if (!writer) return tl::unexpected(writer.error());
  if (auto migrated = apply_migrations(**writer); !migrated) return tl::unexpected(migrated.error());
  auto head = sql::Queries<Connection>::journal_head(**writer);
  if (!head) return tl::unexpected(head.error());
  // Owned by the upkeep step, so it stops when the writer is done with it.
  auto checkpointer = WalCheckpointer::start(path);
  if (!checkpointer) return tl::unexpected(checkpointer.error());
  sql::BatchSteps<Connection> steps{
      .open = [path] { return open_writer(path); },
      // IMMEDIATE takes the write lock at once, so a batch never fails to upgrade a read lock.
      .begin_sql = "BEGIN IMMEDIATE",
      // `snag demo`, `snag sync` and `snag dead-letters replay` append to the journal from
      // their own processes while a server runs; one indexed read per batch keeps the chain.
      .shared_journal = true,
      .before_commit = [](Connection& connection, const sql::TextChanges& changes,
                          bool) { return sync_text_index(connection, changes); },
      .sync = [wal = std::make_shared<WalSync>(path)] { return (*wal)(); },
      .after_commit = {},  // set by the store
      .upkeep = [upkeep = std::make_shared<WalUpkeep>(std::move(*checkpointer), WalLimits{})](
                    Connection& connection) { upkeep->after_commit(connection); },
      // Lets the next open plan well; failure only costs plan quality.
      .close_sql = "PRAGMA optimize",
  };
  sql::StoreParts<Connection> parts{
      .open_reader = [path] { return Connection::open(path, OpenMode::read_only); },
      .max_readers = k_max_readers,
      // Other processes on the same file are not heard; `snag serve` runs one per SQLite file.
      .watch_other_writers = {},
      .leader_lock = [path](std::string_view name) { return file_leader_lock(path, std::string(name)); },
  };
  return std::unique_ptr<Store>(std::make_unique<sql::SqlStore<Connection>>(std::move(*writer), std::move(*head),
                                                                            std::move(steps), std::move(parts)));
}

}  // namespace snag::sqlite
