#pragma once
// Everything between a parsed request and its response, without sockets: routing,
// authentication, the request boundary's catch, metrics. The server drives it; tests can too.

#include <optional>
#include <string>

#include <snag/http/message.hpp>
#include <snag/http/metrics.hpp>
#include <snag/http/router.hpp>
#include <snag/http/services.hpp>

namespace snag::http {

struct PreparedRequest {
  const RouteInfo* route = nullptr;       // set when the handler is to run
  std::size_t route_index = 0;            // for metrics; routes().size() when nothing matched
  std::optional<HttpResponse> response;   // set when the request is answered already (404, 405, 401, …)
};

// Thread-safe once constructed; must not move (handlers refer to its members).
class Api {
 public:
  explicit Api(HttpServices services);
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  const Router& router() const { return m_router; }
  Metrics& metrics() { return m_metrics; }
  const std::string& openapi_document() const { return m_openapi; }

  // Matches the route and, when it needs one, resolves the bearer into request.actor.
  PreparedRequest prepare(HttpRequest& request);
  // Runs the handler. Never throws: an exception becomes the generic 500 and a log line.
  // REQUIRES: route.execution is not Execution::stream.
  HttpResponse invoke(const RouteInfo& route, HttpRequest& request) noexcept;
  // Runs the handler of an Execution::deferred route, which answers through `reply`. Never
  // throws: an exception, of the handler's or of its Finish, becomes the generic 500.
  void invoke_deferred(const RouteInfo& route, HttpRequest& request, const Reply& reply) noexcept;
  // Runs the stream handler of an Execution::stream route, likewise never throwing.
  StreamStart open_stream(const RouteInfo& route, HttpRequest& request) noexcept;
  // prepare + invoke on the calling thread, for tests and for inline routes. A stream or a
  // streamed body that opens is closed at once and answered as its head alone (status,
  // headers, empty body).
  HttpResponse handle(HttpRequest& request);
  // Adds what lets a page of another origin read the response, where the widget policy allows it
  // (cors.hpp). The server calls it on every response it sends; handle() does it itself.
  void allow_cross_origin(const HttpRequest& request, HttpResponse& response) const;

 private:
  std::vector<RouteInfo> all_routes();
  HttpResponse handle_same_origin(HttpRequest& request);
  HttpResponse failure(const HttpRequest& request, std::string_view what) noexcept;

  HttpServices m_services;
  Metrics m_metrics;
  std::string m_openapi;  // filled once the router exists
  Router m_router;
};

}  // namespace snag::http
