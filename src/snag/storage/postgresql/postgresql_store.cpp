#include <snag/storage/postgresql/advisory_leader_lock.hpp>
#include <snag/storage/postgresql/advisory_locks.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/postgresql/journal_listener.hpp>
#include <snag/storage/postgresql/migrations.hpp>
#include <snag/storage/postgresql/postgresql_store.hpp>
#include <snag/storage/sql/sql_store.hpp>

namespace snag::postgresql {

namespace {
// Each connection is a server process; a node keeps it to a few readers and one writer.
constexpr std::size_t k_max_readers = 8;
}  // namespace

Result<std::unique_ptr<Store>> open_postgresql_store(const std::string& url) {
  auto writer = Connection::open(url);
  if (!writer) return tl::unexpected(writer.error());
  if (auto migrated = apply_migrations(**writer); !migrated) return tl::unexpected(migrated.error());
  auto head = sql::Queries<Connection>::journal_head(**writer);
  if (!head) return tl::unexpected(head.error());
  sql::BatchSteps<Connection> steps{
      .open = [url] { return Connection::open(url); },
      // The lock is held until the batch commits, so batches of all nodes append to the journal
      // one after another, and each reads the head the previous one left.
      .begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(k_journal_lock) + ")",
      .shared_journal = true,
      // Delivered by PostgreSQL only once the batch commits, to every node listening.
      .before_commit = [](Connection& connection, const sql::TextChanges&, bool others_follow) -> Result<void> {
        if (!others_follow) return {};  // leasing jobs, say: nothing for the other nodes to read
        return connection.exec("NOTIFY " + std::string(k_journal_channel));
      },
      .sync = {},  // COMMIT waits for PostgreSQL to flush its WAL
      .after_commit = {},
      .upkeep = {},  // PostgreSQL checkpoints by itself
      .close_sql = {},
  };
  sql::StoreParts<Connection> parts{
      .open_reader = [url] { return Connection::open(url); },
      .max_readers = k_max_readers,
      .watch_other_writers = [url](std::shared_ptr<sql::CommitListeners> listeners)
          -> std::unique_ptr<sql::OtherWriters> { return std::make_unique<JournalListener>(url, std::move(listeners)); },
      .leader_lock = [url](std::string_view name) { return advisory_leader_lock(url, std::string(name)); },
  };
  return std::unique_ptr<Store>(std::make_unique<sql::SqlStore<Connection>>(std::move(*writer), std::move(*head),
                                                                            std::move(steps), std::move(parts)));
}

}  // namespace snag::postgresql
