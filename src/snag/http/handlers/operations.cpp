// Unauthenticated operational endpoints: liveness, readiness, metrics and the API description.

#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {

std::vector<RouteInfo> operation_routes(Store& store, const Metrics& metrics, const std::string& openapi_document) {
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get, "/healthz", "healthz", Access::open, Execution::inline_io,
                    {.summary = "200 while the process runs", .tag = "operations", .response_schema = "Status"},
                    [](HttpRequest&) { return json_response(200, R"({"status":"ok"})"); }});
  routes.push_back({HttpMethod::get, "/readyz", "readyz", Access::open, Execution::inline_io,
                    {.summary = "200 when the database answers, else 503",
                     .tag = "operations",
                     .response_schema = "Status",
                     .problem_statuses = {503}},
                    [&store](HttpRequest&) {
                      if (store.ping()) return json_response(200, R"({"status":"ready"})");
                      return problem_response(503, "The database does not answer.");
                    }});
  routes.push_back({HttpMethod::get, "/metrics", "metrics", Access::open, Execution::inline_io,
                    {.summary = "Prometheus metrics",
                     .tag = "operations",
                     .response_content_type = "text/plain; version=0.0.4"},
                    [&store, &metrics](HttpRequest&) {
                      HttpResponse response;
                      response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                      response.body = metrics.render(store.commit_stats());
                      return response;
                    }});
  routes.push_back({HttpMethod::get, "/openapi.json", "openapi", Access::open, Execution::inline_io,
                    {.summary = "This document (OpenAPI 3.1)", .tag = "operations"},
                    [&openapi_document](HttpRequest&) { return json_response(200, openapi_document); }});
  return routes;
}

}  // namespace snag::http
