#pragma once
// Starts the real build/snag binary for integration tests and speaks HTTP to it.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <stdlib.h>
#include <test_database.hpp>

namespace snag::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  nlohmann::json json() const;
  std::string header(const std::string& name) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target;
  std::string body;
  std::map<std::string, std::string> headers;
};

// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Sets a server setting's environment variable for the servers and commands a test
// starts, until it goes out of scope.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const char* value) : m_name(name) { ::setenv(name, value, 1); }
  ~ScopedEnvironment() { ::unsetenv(m_name); }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  const char* m_name;
};

// Runs build/snag with the arguments and waits for it.
CommandResult run_snag(const std::vector<std::string>& args);

// `snag serve` on 127.0.0.1:0 against its own TestDatabase (an SQLite file, or a PostgreSQL
// schema in the suite's PostgreSQL run), with an admin API key.
class SnagServer {
 public:
  // `extra_arguments` go to `snag serve` after the listen address and database.
  explicit SnagServer(std::vector<std::string> extra_arguments = {});
  // `snag serve` on an existing database, sending `api_key` (which must be valid there).
  SnagServer(std::string database_url, std::string api_key);
  ~SnagServer();

  unsigned short port() const { return m_port; }
  int pid() const { return m_pid; }
  std::string database_url() const { return m_database ? m_database->url() : m_database_url; }
  const std::string& admin_key() const { return m_admin_key; }

  // Sends one request on a fresh connection with the admin key unless the request sets Authorization.
  HttpResponse send(HttpRequest request) const;
  HttpResponse get(const std::string& target) const;
  HttpResponse post(const std::string& target, const nlohmann::json& body) const;
  HttpResponse patch(const std::string& target, const nlohmann::json& body, const std::string& if_match) const;

  // A new key with the role, via `snag keys create`.
  std::string create_key(const std::string& role, const std::string& name = "tester") const;

  // SIGTERM, then wait; returns the exit status.
  int stop();
  // SIGKILL, as a crash would end it: nothing of the shutdown runs. The database stays.
  void crash();
  std::vector<std::string> log_lines() const;

 private:
  void start();

  std::unique_ptr<TestDatabase> m_database;  // null when serving a database given by URL
  std::string m_database_url;
  std::string m_admin_key;
  std::vector<std::string> m_extra_arguments;
  int m_pid = -1;
  int m_stderr_fd = -1;
  unsigned short m_port = 0;
  std::thread m_reader;
  mutable std::mutex m_mutex;  // guards the members below, written by the stderr reader thread
  std::condition_variable m_port_known;
  bool m_output_ended = false;
  std::vector<std::string> m_lines;
};

}  // namespace snag::testing
