#include <sqlite3.h>

#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/wal_write_gathering_vfs.hpp>

namespace snag::sqlite {

namespace {
constexpr int k_busy_timeout_ms = 5000;

// SQLite counts every allocation under one process-wide mutex unless told not to. Snag never asks
// SQLite for its memory statistics, so the I/O threads and the writer need not share that lock
// (it showed in the profile of a GET; removing it made no difference measurable by wrk).
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if SQLite already started: harmless
    return true;
  }();
  (void)configured;
}
}  // namespace

Error database_error(int rc) {
  std::string message = "database error: ";
  message += sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM: return Error{ErrorCode::unavailable, std::move(message), {}, {}};
    case SQLITE_CONSTRAINT: return Error{ErrorCode::conflict, std::move(message), {}, {}};
    default: return Error{ErrorCode::internal, std::move(message), {}, {}};
  }
}

Statement::Statement(Connection& connection, sqlite3_stmt* stmt, bool cached, int prepare_rc)
    : m_connection(&connection), m_stmt(stmt), m_cached(cached), m_error(prepare_rc) {}

Statement::Statement(Statement&& other) noexcept
    : m_connection(other.m_connection), m_stmt(other.m_stmt), m_cached(other.m_cached), m_error(other.m_error) {
  other.m_stmt = nullptr;
}

Statement::~Statement() {
  if (m_stmt != nullptr) m_connection->release(m_stmt, m_cached);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (m_error == SQLITE_OK) m_error = sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (m_error == SQLITE_OK) {
    m_error = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (m_error == SQLITE_OK) m_error = sqlite3_bind_null(m_stmt, index);
  return *this;
}

Result<bool> Statement::step() {
  if (m_error != SQLITE_OK) return tl::unexpected(database_error(m_error));
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  m_error = rc;
  return tl::unexpected(database_error(rc));
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return {};
  }
}

bool Statement::is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::string Statement::text(int column) const {
  const unsigned char* data = sqlite3_column_text(m_stmt, column);
  if (data == nullptr) return {};
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column));
  return std::string(reinterpret_cast<const char*>(data), size);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, OpenMode mode) {
  configure_sqlite_once();
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == OpenMode::read_write_create ? SQLITE_OPEN_CREATE : 0);
  // The VFS only gathers the WAL writes of a commit into fewer system calls (see its header).
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, wal_write_gathering_vfs());
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(db);
    return tl::unexpected(database_error(rc));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, k_busy_timeout_ms);
  // synchronous=FULL: a write is acknowledged only once it survives power loss.
  // temp_store=MEMORY keeps the writer's statement and savepoint journals (a savepoint per work
  // when a group commit runs a second time) in memory: in a temp file they cost more write calls
  // than the WAL itself. Readers keep
  // SQLite's default, temp files: a report's sort of a million rows spills there beyond the
  // page cache's size, where in memory it grew the server by hundreds of MB for good (the
  // allocator keeps what it freed).
  auto pragmas = connection->exec(mode == OpenMode::read_only
                                      ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                                      : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                                        "PRAGMA temp_store=MEMORY;");
  if (!pragmas) return tl::unexpected(pragmas.error());
  // Page cache: the one writer gets 64 MiB (index pages of a million tickets stay hot); each of
  // the up to 8 readers 4 MiB, so the caches stay near 96 MiB in all. A reader's hits are the
  // upper levels of the B-trees; the rows a GET or a list page reads at random from a
  // multi-gigabyte file come from the OS cache whatever SQLite keeps. At a million tickets,
  // 8 MiB per reader put the server over its 200 MB budget, and 4 MiB moved the GET, list and
  // search rates only within the benchmark's run-to-run spread (README "Benchmark").
  auto cache = connection->exec(mode == OpenMode::read_only ? "PRAGMA cache_size=-4096;" : "PRAGMA cache_size=-65536;");
  if (!cache) return tl::unexpected(cache.error());
  if (mode == OpenMode::read_only) {
    auto query_only = connection->exec("PRAGMA query_only=1;");
    if (!query_only) return tl::unexpected(query_only.error());
  }
  return connection;
}

void Connection::defer_checkpoints() {
  // Replaces the automatic checkpoint, which is itself a WAL hook.
  sqlite3_wal_hook(
      m_db,
      [](void* self, sqlite3*, const char*, int pages) {
        static_cast<Connection*>(self)->m_wal_pages = pages;
        return SQLITE_OK;
      },
      this);
}

int Connection::checkpoint() {
  int wal_frames = 0;
  int copied_frames = 0;
  if (sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied_frames) != SQLITE_OK) {
    return 0;
  }
  return copied_frames;
}

void Connection::sync_database_file() {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(m_db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || file == nullptr ||
      file->pMethods == nullptr) {
    return;
  }
  (void)file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}

Connection::~Connection() {
  for (auto& [sql, cached] : m_statements) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(m_db);
}

Statement Connection::prepare(std::string_view sql) {
  auto found = m_statements.find(std::string(sql));
  if (found != m_statements.end() && !found->second.in_use) {
    found->second.in_use = true;
    return Statement(*this, found->second.stmt, true, SQLITE_OK);
  }
  sqlite3_stmt* stmt = nullptr;
  const bool cache = found == m_statements.end() && m_statements.size() < k_max_cached_statements;
  const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                    cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK || stmt == nullptr) {
    sqlite3_finalize(stmt);
    return Statement(*this, nullptr, false, rc == SQLITE_OK ? SQLITE_MISUSE : rc);
  }
  if (cache) m_statements.emplace(std::string(sql), CachedStatement{stmt, true});
  return Statement(*this, stmt, cache, SQLITE_OK);
}

void Connection::release(sqlite3_stmt* stmt, bool cached) {
  if (!cached) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto found = m_statements.find(sqlite3_sql(stmt));
  if (found != m_statements.end()) found->second.in_use = false;
}

Result<void> Connection::exec(std::string_view sql) {
  // A single statement (BEGIN, SAVEPOINT, RELEASE, COMMIT) is prepared once and cached: the
  // writer runs them thousands of times a second, and parsing them anew showed in its profile.
  if (sql.find(';') == std::string_view::npos) return prepare(sql).run();
  const std::string text(sql);
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(database_error(rc));
  return {};
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(m_db) == 0; }

std::optional<std::int64_t> Connection::rows_changed() const { return sqlite3_total_changes64(m_db); }

}  // namespace snag::sqlite
