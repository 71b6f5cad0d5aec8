// Unauthenticated operational endpoints: liveness, readiness, metrics and the API description.

#include <snag/app/synthetic/synthetic_monitor.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

// The synthetic probe's verdict for /readyz. A failing probe does not make the node unready:
// ingestion failing is an alert (its ticket), not a reason to take the node out of the pool.
nlohmann::json synthetic_readiness(Store& store) {
  auto state = read_synthetic_state(store);
  if (!state) return {{"status", "unknown"}};
  nlohmann::json details{{"status", synthetic_status(*state)},
                         {"consecutive_failures", *state ? (*state)->consecutive_failures : 0},
                         {"last_success_at", nullptr},
                         {"last_latency_ms", nullptr}};
  if (*state && (*state)->last_success_at) details["last_success_at"] = format_rfc3339(*(*state)->last_success_at);
  if (*state && (*state)->last_latency) details["last_latency_ms"] = (*state)->last_latency->count();
  return details;
}

}  // namespace

std::vector<RouteInfo> operation_routes(Store& store, const Metrics& metrics, const InboxProcessor& inbox,
                                        const std::string& openapi_document) {
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get, "/healthz", "healthz", Access::open, Execution::inline_io,
                    {.summary = "200 while the process runs", .tag = "operations", .response_schema = "Status"},
                    [](HttpRequest&) { return json_response(200, R"({"status":"ok"})"); }});
  routes.push_back({HttpMethod::get, "/readyz", "readyz", Access::open, Execution::inline_io,
                    {.summary = "200 when the database answers, else 503; details: the synthetic probe",
                     .tag = "operations",
                     .response_schema = "Status",
                     .problem_statuses = {503}},
                    [&store](HttpRequest&) {
                      if (!store.ping()) return problem_response(503, "The database does not answer.");
                      return json_body(200, {{"status", "ready"}, {"synthetic", synthetic_readiness(store)}});
                    }});
  routes.push_back(
      {HttpMethod::get,
       "/metrics",
       "metrics",
       Access::open,
       Execution::inline_io,
       {.summary = "Prometheus metrics", .tag = "operations", .response_content_type = "text/plain; version=0.0.4"},
       [&store, &metrics, &inbox](HttpRequest&) {
         HttpResponse response;
         response.content_type = "text/plain; version=0.0.4; charset=utf-8";
         response.body = metrics.render(store.commit_stats());
         response.body += render_inbox_metrics(inbox.pauses());
         if (auto synthetic = read_synthetic_state(store)) {
           response.body += render_synthetic_metrics(*synthetic);
         }
         return response;
       }});
  routes.push_back({HttpMethod::get, "/openapi.json", "openapi", Access::open, Execution::inline_io,
                    {.summary = "This document (OpenAPI 3.1)", .tag = "operations"},
                    [&openapi_document](HttpRequest&) { return json_response(200, openapi_document); }});
  return routes;
}

}  // namespace snag::http
