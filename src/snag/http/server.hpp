#pragma once
// The HTTP server: Boost.Beast over Asio coroutines. I/O threads parse requests and run the
// fast reads inline; handlers that write run on a blocking pool, because Store::write waits
// for the group commit to become durable.

#include <memory>

#include <snag/config/settings.hpp>
#include <snag/http/services.hpp>

namespace snag {

class HttpServer {
 public:
  // Binds immediately (port 0 picks a free port). Throws std::runtime_error when it cannot bind.
  HttpServer(const ServerSettings& settings, HttpServices services);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  unsigned short port() const;
  // Serves until stop() or SIGTERM/SIGINT: then stops accepting, finishes in-flight requests
  // (up to settings.shutdown_grace), returns. Call at most once.
  void run();
  // Thread-safe; may be called before, during or after run().
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace snag
