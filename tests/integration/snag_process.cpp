#include "snag_process.hpp"

#include <random>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace snag::testing {

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

nlohmann::json HttpResponse::json() const { return nlohmann::json::parse(body); }

std::string HttpResponse::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

TempDir::TempDir() {
  std::random_device random;
  m_path = std::filesystem::temp_directory_path() / ("snag-test-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

namespace {

std::string read_all(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

// This process's environment, plus SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS=true unless a test set
// it: the mock ATSs, report receivers and SMTP sinks of these tests all listen on 127.0.0.1,
// which Snag's outbound policy refuses by default (ssrf_test.cpp sets it to false).
std::vector<char*> child_environment() {
  static std::string allow_loopback = "SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS=true";
  std::vector<char*> variables;
  bool set_by_test = false;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    set_by_test = set_by_test || std::string_view(*entry).starts_with("SNAG_OUTBOUND_ALLOW_PRIVATE_TARGETS=");
    variables.push_back(*entry);
  }
  if (!set_by_test) variables.push_back(allow_loopback.data());
  variables.push_back(nullptr);
  return variables;
}

// Spawns build/snag with stdout and stderr on pipes; returns the pid.
int spawn_snag(const std::vector<std::string>& args, int& out_fd, int& err_fd) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<std::string> argv_storage{SNAG_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  auto environment = child_environment();
  const int rc = posix_spawn(&pid, SNAG_BINARY, &actions, nullptr, argv.data(), environment.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) throw std::runtime_error("cannot start " SNAG_BINARY);
  out_fd = out_pipe[0];
  err_fd = err_pipe[0];
  return pid;
}

int wait_exit(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string last_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line, last;
  while (std::getline(lines, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace

CommandResult run_snag(const std::vector<std::string>& args) {
  int out_fd = -1, err_fd = -1;
  const int pid = spawn_snag(args, out_fd, err_fd);
  CommandResult result;
  std::thread err_reader([&] { result.err = read_all(err_fd); });
  result.out = read_all(out_fd);
  err_reader.join();
  close(out_fd);
  close(err_fd);
  result.exit_code = wait_exit(pid);
  return result;
}

SnagServer::SnagServer(std::vector<std::string> extra_arguments)
    : m_database(std::make_unique<TestDatabase>()), m_extra_arguments(std::move(extra_arguments)) {
  m_admin_key = create_key("admin", "integration admin");
  start();
}

SnagServer::SnagServer(std::string database_url, std::string api_key)
    : m_database_url(std::move(database_url)), m_admin_key(std::move(api_key)) {
  start();
}

SnagServer::~SnagServer() {
  if (m_pid > 0) stop();
}

std::string SnagServer::create_key(const std::string& role, const std::string& name) const {
  const auto result = run_snag({"keys", "create", "--database", database_url(), "--name", name, "--role", role});
  if (result.exit_code != 0) throw std::runtime_error("keys create failed: " + result.err);
  return last_line(result.out);
}

void SnagServer::start() {
  int out_fd = -1;
  std::vector<std::string> arguments{"serve", "--listen", "127.0.0.1:0", "--database", database_url()};
  arguments.insert(arguments.end(), m_extra_arguments.begin(), m_extra_arguments.end());
  m_pid = spawn_snag(arguments, out_fd, m_stderr_fd);
  close(out_fd);
  m_reader = std::thread([this] {
    std::string pending;
    char buffer[4096];
    ssize_t n;
    while ((n = read(m_stderr_fd, buffer, sizeof buffer)) > 0) {
      pending.append(buffer, static_cast<std::size_t>(n));
      std::size_t newline;
      while ((newline = pending.find('\n')) != std::string::npos) {
        std::string line = pending.substr(0, newline);
        pending.erase(0, newline + 1);
        std::lock_guard lock(m_mutex);
        if (m_port == 0 && line.find("\"listening\"") != std::string::npos) {
          const auto parsed = nlohmann::json::parse(line, nullptr, false);
          if (parsed.is_object() && parsed.contains("port")) {
            m_port = parsed["port"].get<unsigned short>();
            m_port_known.notify_all();
          }
        }
        m_lines.push_back(std::move(line));
      }
    }
    std::lock_guard lock(m_mutex);
    m_output_ended = true;
    m_port_known.notify_all();
  });
  std::unique_lock lock(m_mutex);
  if (!m_port_known.wait_for(lock, std::chrono::seconds(30), [&] { return m_port != 0 || m_output_ended; }) ||
      m_port == 0) {
    std::string log;
    for (const auto& line : m_lines) log += line + "\n";
    lock.unlock();
    kill(m_pid, SIGKILL);
    wait_exit(m_pid);
    m_pid = -1;
    m_reader.join();
    throw std::runtime_error("snag serve did not start:\n" + log);
  }
}

int SnagServer::stop() {
  kill(m_pid, SIGTERM);
  const int code = wait_exit(m_pid);
  m_pid = -1;
  if (m_reader.joinable()) m_reader.join();
  close(m_stderr_fd);
  return code;
}

void SnagServer::crash() {
  kill(m_pid, SIGKILL);
  wait_exit(m_pid);
  m_pid = -1;
  if (m_reader.joinable()) m_reader.join();
  close(m_stderr_fd);
}

std::vector<std::string> SnagServer::log_lines() const {
  std::lock_guard lock(m_mutex);
  return m_lines;
}

HttpResponse SnagServer::send(HttpRequest request) const {
  boost::asio::io_context context;
  tcp::socket socket(context);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), m_port));
  http::request<http::string_body> message{http::string_to_verb(request.method), request.target, 11};
  message.set(http::field::host, "127.0.0.1");
  if (!request.headers.count("Authorization")) message.set(http::field::authorization, "Bearer " + m_admin_key);
  for (const auto& [name, value] : request.headers) {
    if (!value.empty()) message.set(name, value);
  }
  if (!request.body.empty() && !request.headers.count("Content-Type")) {
    message.set(http::field::content_type, "application/json");
  }
  message.body() = std::move(request.body);
  message.prepare_payload();
  http::write(socket, message);

  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(socket, buffer, parser);
  const auto& response = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = response.body();
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  return out;
}

HttpResponse SnagServer::get(const std::string& target) const { return send({"GET", target, "", {}}); }

HttpResponse SnagServer::post(const std::string& target, const nlohmann::json& body) const {
  return send({"POST", target, body.dump(), {}});
}

HttpResponse SnagServer::patch(const std::string& target, const nlohmann::json& body,
                               const std::string& if_match) const {
  return send({"PATCH", target, body.dump(), {{"If-Match", if_match}}});
}

}  // namespace snag::testing
