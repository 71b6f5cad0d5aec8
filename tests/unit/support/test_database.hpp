#pragma once
// The database a test runs against. CTest runs every backend-neutral suite twice: once on an
// SQLite file in a temp directory, and once with SNAG_TEST_BACKEND=postgresql, on a private
// schema of the run's PostgreSQL server (see postgres_test_database.hpp and
// tests/postgres.cmake). Tests written against url(), open(), count_rows() and execute_sql()
// thus cover both backends.

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <postgres_test_database.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <snag/storage/open_store.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/dialect.hpp>
#include <snag/storage/sql/schema.hpp>

namespace snag::testing {

// True when this run of the suite is the PostgreSQL one.
inline bool testing_postgresql() {
  const char* backend = std::getenv("SNAG_TEST_BACKEND");
  return backend != nullptr && std::string(backend) == "postgresql";
}

class TestDatabase {
 public:
  TestDatabase() {
    if (testing_postgresql()) {
      m_postgres.emplace();
      return;
    }
    static std::atomic<int> counter{0};
    std::random_device random;
    m_dir = std::filesystem::temp_directory_path() / ("snag-db-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(random()));
    m_file = m_dir / "nested" / "snag.db";  // open_store creates the missing directories
  }
  ~TestDatabase() {
    if (m_dir.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool is_postgresql() const { return m_postgres.has_value(); }
  // The SQLite file (empty on PostgreSQL).
  std::filesystem::path file() const { return m_file; }
  std::string url() const { return m_postgres ? m_postgres->url() : "sqlite:" + m_file.string(); }

  std::unique_ptr<Store> open() const {
    auto store = open_store(url());
    if (!store) {
      ADD_FAILURE() << "open_store failed: " << store.error().message;
      return nullptr;
    }
    return std::move(*store);
  }

 private:
  std::filesystem::path m_dir;
  std::filesystem::path m_file;
  std::optional<PostgresTestDatabase> m_postgres;
};

// Runs SQL on the database behind a URL (sqlite:PATH or postgresql://…), bypassing Snag, for
// tests that inspect or tamper with what it stored. Throws when the SQL fails.
inline void execute_sql(const std::string& url, const std::string& sql) {
  if (url.starts_with("sqlite:")) {
    const std::string path = url.substr(7);
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("SQL failed: " + message);
    return;
  }
  auto connection = postgresql::Connection::open(url);
  if (!connection) throw std::runtime_error(connection.error().message);
  if (auto done = (*connection)->exec(sql); !done) throw std::runtime_error("SQL failed: " + done.error().message);
}

// Runs schema migration `version` again on the database behind a URL, in its backend's dialect:
// for tests of a migration that fills a summary, after they dropped what it creates.
inline void rerun_migration(const std::string& url, int version) {
  execute_sql(
      url, sql::migration_sql(version, url.starts_with("sqlite:") ? sql::sqlite_dialect() : sql::postgresql_dialect()));
}

// SELECT count(*) FROM `table_and_condition` (e.g. "tickets WHERE version > 1"); -1 when the
// query fails.
inline std::int64_t count_rows(const std::string& url, const std::string& table_and_condition) {
  const std::string sql = "SELECT count(*) FROM " + table_and_condition;
  if (url.starts_with("sqlite:")) {
    const std::string path = url.substr(7);
    sqlite3* db = nullptr;
    std::int64_t count = -1;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* statement = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
          sqlite3_step(statement) == SQLITE_ROW) {
        count = sqlite3_column_int64(statement, 0);
      }
      sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return count;
  }
  auto connection = postgresql::Connection::open(url);
  if (!connection) return -1;
  auto statement = (*connection)->prepare(sql);
  auto row = statement.step();
  return row && *row ? statement.int64(0) : -1;
}

// The first column of every row of `sql`, as text (NULL as ""), in the order the query gives.
// Throws when the query fails.
inline std::vector<std::string> query_column(const std::string& url, const std::string& sql) {
  std::vector<std::string> values;
  if (url.starts_with("sqlite:")) {
    const std::string path = url.substr(7);
    sqlite3* db = nullptr;
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
    while (rc == SQLITE_OK && (rc = sqlite3_step(statement)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
      rc = SQLITE_OK;
    }
    const std::string message = sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    if (rc != SQLITE_DONE) throw std::runtime_error("SQL failed: " + message);
    return values;
  }
  auto connection = postgresql::Connection::open(url);
  if (!connection) throw std::runtime_error(connection.error().message);
  auto statement = (*connection)->prepare(sql);
  for (;;) {
    auto row = statement.step();
    if (!row) throw std::runtime_error("SQL failed: " + row.error().message);
    if (!*row) return values;
    values.push_back(statement.is_null(0) ? "" : statement.text(0));
  }
}

}  // namespace snag::testing
