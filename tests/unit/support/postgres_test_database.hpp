#pragma once
// A private schema in the test run's PostgreSQL server, for tests of PostgreSQL code.
//
// CTest starts one server for the run (tests/postgres.cmake, scripts/test-postgres.sh), which
// writes its URL to the file SNAG_TEST_POSTGRES_URL_FILE names (compiled in; the environment
// variable of that name overrides it). Each PostgresTestDatabase
// creates its own schema there and hands out a URL whose connections put unqualified tables in
// it, so tests running in parallel never see each other's tables; the destructor drops the
// schema with everything in it. Declare it before the connections opened from it, so that they
// close (and release their locks) before the schema is dropped.
//
// Without the server a test fails, naming what is missing; it never skips.

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include <snag/storage/postgresql/connection.hpp>

namespace snag::testing {

class PostgresTestDatabase {
 public:
  static constexpr const char* k_url_file_variable = "SNAG_TEST_POSTGRES_URL_FILE";

  // True when the test run provides a server (the URL file is named and holds a URL).
  static bool configured() { return !read_base_url().empty(); }

  PostgresTestDatabase() : m_base_url(read_base_url()) {
    if (m_base_url.empty()) {
      fail_setup(std::string(k_url_file_variable) +
                 " does not name a readable file holding a PostgreSQL URL; run the suite through ctest, "
                 "whose postgres_start fixture starts the server (tests/postgres.cmake)");
    }
    m_schema = unique_schema_name();
    m_url = with_search_path(m_base_url, m_schema);
    auto admin = postgresql::Connection::open(m_base_url);
    if (!admin) fail_setup("cannot connect to the test PostgreSQL server: " + admin.error().message);
    m_admin = std::move(*admin);
    auto created = m_admin->exec("CREATE SCHEMA " + m_schema);
    if (!created) fail_setup("cannot create schema " + m_schema + ": " + created.error().message);
  }

  PostgresTestDatabase(const PostgresTestDatabase&) = delete;
  PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

  ~PostgresTestDatabase() {
    if (m_admin == nullptr) return;
    if (m_admin->broken()) {
      auto reopened = postgresql::Connection::open(m_base_url);
      if (!reopened) {
        ADD_FAILURE() << "cannot drop schema " << m_schema << ": " << reopened.error().message;
        return;
      }
      m_admin = std::move(*reopened);
    }
    auto dropped = m_admin->exec("DROP SCHEMA IF EXISTS " + m_schema + " CASCADE");
    if (!dropped) ADD_FAILURE() << "cannot drop schema " << m_schema << ": " << dropped.error().message;
  }

  // The server's URL with this database's schema as the search path.
  const std::string& url() const { return m_url; }
  const std::string& schema() const { return m_schema; }

  // A new connection to url(); a failure to connect fails the test.
  std::unique_ptr<postgresql::Connection> connect() const {
    auto connection = postgresql::Connection::open(m_url);
    if (!connection) fail_setup("cannot connect to the test database: " + connection.error().message);
    return std::move(*connection);
  }

 private:
  // Records the failure where gtest reports it and stops the test: without its database it
  // cannot go on.
  [[noreturn]] static void fail_setup(const std::string& message) {
    ADD_FAILURE() << message;
    throw std::runtime_error(message);
  }

  static std::string read_base_url() {
    const char* file = std::getenv(k_url_file_variable);
#ifdef SNAG_TEST_POSTGRES_URL_FILE
    if (file == nullptr || *file == '\0') file = SNAG_TEST_POSTGRES_URL_FILE;  // tests/postgres.cmake
#endif
    if (file == nullptr || *file == '\0') return {};
    std::ifstream in(file);
    std::string url;
    std::getline(in, url);
    while (!url.empty() && (url.back() == '\r' || url.back() == ' ')) url.pop_back();
    return url;
  }


  // t_<pid>_<counter>_<random>: unique among the test processes sharing the server, and
  // across runs should a schema outlive a crashed test.
  static std::string unique_schema_name() {
    static std::atomic<int> counter{0};
    std::random_device random;
    char suffix[9];
    std::snprintf(suffix, sizeof suffix, "%08x", random());
    return "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" + suffix;
  }

  // libpq's `options` parameter carries server command-line switches (-c name=value). In a
  // URI its value is percent-encoded: '=' becomes %3D, a space %20.
  static std::string with_search_path(const std::string& base_url, const std::string& schema) {
    const std::string options = "-csearch_path=" + schema;
    std::string url = base_url + (base_url.find('?') == std::string::npos ? "?" : "&") + "options=";
    for (const unsigned char c : options) {
      if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
        url += static_cast<char>(c);
      } else {
        char escaped[4];
        std::snprintf(escaped, sizeof escaped, "%%%02X", c);
        url += escaped;
      }
    }
    return url;
  }

  std::string m_base_url;
  std::string m_schema;
  std::string m_url;
  std::unique_ptr<postgresql::Connection> m_admin;
};

}  // namespace snag::testing
