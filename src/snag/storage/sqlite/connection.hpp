#pragma once
// A thin RAII layer over one sqlite3 connection: cached prepared statements, typed binding and
// reading, and the translation of SQLite result codes into snag::Error.
//
// Error messages are deliberately generic ("database error: disk I/O error"): they may travel
// up to an HTTP response, so they never contain SQL text or values.
//
// Thread-safety: a Connection and its Statements are used by one thread at a time (the
// connection is opened with SQLITE_OPEN_NOMUTEX). Ownership passes between threads only
// with a happens-before edge (a mutex hand-off in the reader pool, thread start for the writer).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <snag/storage/sql/dialect.hpp>
#include <snag/util/error.hpp>

struct sqlite3;
struct sqlite3_stmt;

namespace snag::sqlite {

// The snag::Error for SQLite result code `rc`: busy/locked/full/I/O problems are `unavailable`
// (retrying may succeed), constraint violations `conflict`, everything else `internal`.
Error database_error(int rc);

class Connection;

// A prepared statement checked out of a Connection for one execution. Parameters are bound by
// 1-based index; binding errors are remembered and reported by the next step(). On destruction
// a cached statement is reset and its bindings cleared; an uncached one is finalized.
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt, bool cached, int prepare_rc);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // True when a row is ready to read, false when the statement is done.
  Result<bool> step();
  // Steps until done; for statements that return no rows.
  Result<void> run();
  // The same as run() here: SQLite has no round trips to save. (PostgreSQL's connection sends
  // such a statement without waiting while the writer pipelines.)
  Result<void> queue() { return run(); }

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  Connection* m_connection;
  sqlite3_stmt* m_stmt;
  bool m_cached;
  int m_error = 0;  // first failed prepare or bind
};

enum class OpenMode { read_write_create, read_only };

class Connection {
 public:
  // Opens `path` and applies the connection pragmas (WAL, synchronous=FULL, foreign keys,
  // busy timeout). A read_only connection also sets query_only.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, OpenMode mode);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A statement for `sql`, prepared once and cached by its text. SQL must hold only `?`
  // parameters for values, never the values themselves.
  Statement prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema changes, BEGIN/COMMIT).
  Result<void> exec(std::string_view sql);

  // False once SQLite has ended a transaction on its own (it rolls back after some errors).
  bool in_transaction() const;
  // The writer's pipelining calls (see postgresql::Connection): SQLite runs every statement at
  // once, so a queued command is run now and there is never anything to settle.
  Result<void> begin_pipeline() { return {}; }
  Result<void> end_pipeline() { return {}; }
  Result<void> settle() { return {}; }
  Result<void> exec_queued(std::string_view sql) { return exec(sql); }
  // A connection to a file does not break; the writer and the pool ask PostgreSQL's the same.
  bool broken() const { return false; }
  // Rows inserted, updated or deleted through this connection so far, triggers' included; a
  // statement that failed and was undone counts none. The writer runs the works of a batch
  // without a savepoint each while it can tell that a failed work changed nothing.
  std::optional<std::int64_t> rows_changed() const;
  static const sql::Dialect& dialect() { return sql::sqlite_dialect(); }
  sqlite3* handle() const { return m_db; }

  // For the writer: commits stop checkpointing the WAL themselves (SQLite's automatic
  // checkpoint runs inside the COMMIT, so the batch's requests waited for it); the writer asks
  // a WalCheckpointer for one when wal_pages() has grown.
  void defer_checkpoints();
  // How many pages the WAL held after this connection's last commit, once checkpoints are
  // deferred.
  int wal_pages() const { return m_wal_pages; }
  // A PASSIVE checkpoint: copies what it can without waiting for readers or the writer. What
  // one cannot copy (readers still on old pages) the next copies. Returns how many of the WAL's
  // frames are now in the database file (0 when it could not run: another checkpoint was
  // running). A failure costs only WAL growth.
  int checkpoint();
  // fsync of the database file. SQLite syncs it only when a checkpoint has copied the whole WAL,
  // which under steady writes only the writer's own checkpoint does; syncing after each passive
  // one leaves that one little to flush. A failure only leaves the flushing to that one.
  void sync_database_file();

 private:
  explicit Connection(sqlite3* db) : m_db(db) {}
  friend class Statement;
  void release(sqlite3_stmt* stmt, bool cached);

  // A dynamic list query has one text per filter shape; the cap bounds the cache when IN lists
  // of many different lengths arrive.
  static constexpr std::size_t k_max_cached_statements = 128;

  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;  // a second checkout of the same text while in use gets a fresh statement
  };

  sqlite3* m_db;
  std::unordered_map<std::string, CachedStatement> m_statements;
  int m_wal_pages = 0;  // after the last commit, when checkpoints are deferred
};

}  // namespace snag::sqlite
