#pragma once
// A small HTTP/1.1 server for the mock ATS (and tests that need a peer to talk to): one thread,
// keep-alive, whole requests and responses in memory, a handler per request. Not Snag's server:
// it has no routes, auth, limits or metrics beyond what a test double needs.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/util/error.hpp>

namespace snag::mock_ats {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct MockRequest {
  std::string method;
  std::string target;  // path and query, as sent
  HeaderList headers;
  std::string body;

  // The first header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
};

struct MockResponse {
  int status = 200;
  HeaderList headers;  // Content-Type included
  std::string body;
};

// Runs on the server's thread, one request at a time; an exception becomes a 500.
using MockHandler = std::function<MockResponse(const MockRequest&)>;

class TinyServer {
 public:
  // Listens on HOST:PORT (an IP address or "localhost"; port 0 picks a free one) and serves on a
  // thread of its own until stop() or destruction. invalid_argument for a malformed address,
  // unavailable when it cannot listen there.
  static Result<std::unique_ptr<TinyServer>> start(std::string_view listen, MockHandler handler);
  ~TinyServer();
  TinyServer(const TinyServer&) = delete;
  TinyServer& operator=(const TinyServer&) = delete;

  std::string host() const;  // as bound: "127.0.0.1", or "[::1]" for IPv6
  std::uint16_t port() const;
  std::string url() const { return "http://" + host() + ":" + std::to_string(port()); }

  // Stops accepting and ends open connections; idempotent.
  void stop();

 private:
  class Impl;
  explicit TinyServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace snag::mock_ats
