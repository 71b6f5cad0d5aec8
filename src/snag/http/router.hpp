#pragma once
// Routes are data: method, path pattern, handler and the metadata the OpenAPI document is
// generated from, so that the document cannot drift from what the server answers.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/http/event_stream.hpp>
#include <snag/http/message.hpp>

namespace snag::http {

// Where a handler runs: reads are fast and run on the I/O threads; anything that calls
// Store::write blocks until the commit is durable and must run on the blocking pool. A deferred
// route's deferred_handler runs on the I/O thread up to its write, hands the write to
// Store::write_async and answers through its Reply once the commit is durable: the hot writes
// (ticket creation, webhooks) hold no thread while they wait. A stream route's stream_handler
// runs on the I/O thread (it must not block) and returns an EventStream that the connection
// then writes out as it fills (Server-Sent Events).
enum class Execution { inline_io, blocking, deferred, stream };

enum class Access { open, bearer };

// What openapi.cpp needs to describe a route beyond its method and pattern. Schema names
// refer to components defined in openapi.cpp; query and header names to its parameter table.
// The response_content_type of an export: CSV or PDF, as the `format` parameter asks.
inline constexpr std::string_view k_export_content_types = "text/csv or application/pdf";
// The response_content_type of an export offered as CSV or as JSON (its response_schema).
inline constexpr std::string_view k_csv_or_json_content_types = "text/csv or application/json";

struct RouteDoc {
  std::string_view summary{};
  std::string_view tag{};
  std::vector<std::string_view> query_params{};
  std::vector<std::string_view> headers{};
  std::string_view request_schema{};  // empty when the route takes no body
  unsigned success_status = 200;
  std::string_view response_schema{};
  std::string_view response_content_type = "application/json";
  std::vector<unsigned> problem_statuses{};
};

using Handler = std::function<HttpResponse(HttpRequest&)>;
// Makes a deferred route's response; the server runs it on the request's I/O thread.
using Finish = std::function<HttpResponse()>;
// Called exactly once, from any thread (the group-commit writer's, typically): it only hands
// the Finish over, so the caller is not held up by the encoding.
using Reply = std::function<void(Finish)>;
using DeferredHandler = std::function<void(HttpRequest&, Reply)>;

struct RouteInfo {
  HttpMethod method = HttpMethod::get;
  std::string pattern;  // "/api/v1/tickets/{key}/transitions"
  std::string operation_id;
  Access access = Access::bearer;
  Execution execution = Execution::inline_io;
  RouteDoc doc;
  Handler handler;                     // Execution::inline_io and Execution::blocking
  StreamHandler stream_handler{};      // Execution::stream
  DeferredHandler deferred_handler{};  // Execution::deferred
};

struct RouteMatch {
  enum class Outcome { matched, not_found, method_not_allowed, bad_escape };
  Outcome outcome = Outcome::not_found;
  const RouteInfo* route = nullptr;
  std::size_t index = 0;  // position in routes(), for metrics
  std::string allow;      // "GET, PATCH" with method_not_allowed
};

// Immutable after construction; match() is thread-safe.
class Router {
 public:
  explicit Router(std::vector<RouteInfo> routes);
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;
  Router(Router&&) = default;
  Router& operator=(Router&&) = default;

  const std::vector<RouteInfo>& routes() const { return m_routes; }

  // A literal segment beats a path parameter ("/tickets/bulk" before "/tickets/{key}"). On a match
  // `params` holds the percent-decoded path parameter values.
  RouteMatch match(HttpMethod method, std::string_view path, PathParams& params) const;

 private:
  struct Segment {
    std::string text;  // literal text, or the path parameter's name
    bool is_param = false;
  };
  enum class PathFit { no, yes, bad_escape };
  PathFit fits(const std::vector<Segment>& pattern, std::string_view path, PathParams& params) const;

  std::vector<RouteInfo> m_routes;
  std::vector<std::vector<Segment>> m_patterns;  // parallel to m_routes
  std::vector<std::size_t> m_order;              // indices into m_routes, most specific first
};

}  // namespace snag::http
