#pragma once
// The HTTP server: Boost.Beast over Asio coroutines. I/O threads parse requests and run the
// fast reads inline; handlers that write run on a blocking pool, because Store::write waits
// for the group commit to become durable.

#include <memory>

#include <snag/app/api_key_service.hpp>
#include <snag/app/candidate_service.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/app/ticket_service.hpp>
#include <snag/config/settings.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

// What the handlers work with. Every referent must outlive the HttpServer.
struct HttpServices {
  TicketService& tickets;
  CandidateService& candidates;
  ApiKeyService& api_keys;
  Store& store;
  const Catalog& catalog;
};

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
