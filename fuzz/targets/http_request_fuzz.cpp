// Raw bytes on a connection, through everything the server does with a request: Boost.Beast's
// parser with the server's limits, the request as the API sees it, routing, authentication and
// every handler, on a real SQLite store. The invariant is the product's promise for bad input:
// an answer, never a 500 (a 500 aborts with the request in the log).
//
// A request that sends no Authorization header is sent with an admin key's, so that the fuzzer
// reaches the handlers behind authentication; one that sends its own keeps it.

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <unistd.h>

#include <snag/app/event_hub.hpp>
#include <snag/cli/operator_actor.hpp>
#include <snag/cli/runtime.hpp>
#include <snag/http/api.hpp>
#include <snag/http/beast_request.hpp>
#include <snag/http/services.hpp>

namespace {

namespace bhttp = boost::beast::http;

// Where the harness keeps its database; removed at exit.
constexpr const char* k_directory_prefix = "snag-http-fuzz-";
std::filesystem::path g_directory;

void remove_directory() {
  std::error_code ignored;
  std::filesystem::remove_all(g_directory, ignored);
}

// A run that crashed (abort skips atexit) left its directory behind; a new run removes those
// of processes that are gone.
void remove_directories_of_gone_runs(const std::filesystem::path& base) {
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(base, ignored)) {
    const auto name = entry.path().filename().string();
    if (name.rfind(k_directory_prefix, 0) != 0) continue;
    const auto pid = std::atoi(name.c_str() + std::strlen(k_directory_prefix));
    if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) std::filesystem::remove_all(entry.path(), ignored);
  }
}

struct Harness;
Harness& harness();

struct Harness {
  Harness() {
    // In memory-backed storage where there is some, so that the writer's fsyncs cost nothing.
    const auto base = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                          : std::filesystem::temp_directory_path();
    remove_directories_of_gone_runs(base);
    g_directory = base / (k_directory_prefix + std::to_string(::getpid()));
    std::filesystem::create_directories(g_directory);
    std::atexit(remove_directory);
    snag::RuntimeOptions options;
    options.database = "sqlite:" + (g_directory / "fuzz.db").string();
    runtime = std::make_unique<snag::Runtime>(options);
    hub = std::make_unique<snag::EventHub>(runtime->store());
    if (auto started = hub->start(); !started) throw std::runtime_error(started.error().message);
    // The hub's thread reads the store; it stops before exit destroys the statics both use.
    std::atexit([] { harness().hub->stop(); });
    api = std::make_unique<snag::http::Api>(snag::HttpServices(runtime->services(), runtime->integrations(),
                                                               runtime->store(), runtime->settings().catalog, *hub,
                                                               runtime->settings().outbound));
    snag::NewApiKey key;
    key.name = "fuzz";
    key.role = "admin";
    auto issued = runtime->api_keys().create(snag::operator_actor(), key);
    if (!issued) throw std::runtime_error(issued.error().message);
    authorization = "Bearer " + issued->secret;
  }

  std::unique_ptr<snag::Runtime> runtime;
  std::unique_ptr<snag::EventHub> hub;
  std::unique_ptr<snag::http::Api> api;
  std::string authorization;
};

Harness& harness() {
  // Never destroyed: the store's writer thread must not race the exit.
  static Harness* const instance = new Harness();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Harness& h = harness();
  bhttp::request_parser<bhttp::string_body> parser;
  parser.body_limit(h.runtime->settings().server.max_body_bytes);
  parser.header_limit(snag::http::k_header_limit);
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);  // the connection ends with the input
  // The server answers these itself (400, 413, 431) before any handler runs.
  if (ec || !parser.is_done()) return 0;

  const auto& message = parser.get();
  auto request = snag::http::view_request(message, "127.0.0.1");
  if (request.authorization.empty()) request.authorization = h.authorization;
  request.request_id = "fuzz";
  const auto response = h.api->handle(request);
  if (response.status == 500) {
    std::fprintf(stderr, "500 for %.*s %.*s\n", static_cast<int>(request.method_text.size()),
                 request.method_text.data(), static_cast<int>(message.target().size()), message.target().data());
  }
  snag::fuzz::check(response.status != 500, "a request was answered 500");
  return 0;
}
