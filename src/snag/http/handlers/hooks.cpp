// POST /hooks/{connector}: signed webhook deliveries from an ATS. The connector's secret is the
// credential (no bearer): a delivery whose signature does not verify is 401 and nothing is
// stored. A verified one is durable before the answer: 202 when new, 200 for a repeat of an
// event id already stored (which changes nothing).

#include <snag/http/handlers/deferred_reply.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

void receive_webhook(const HttpServices& services, HttpRequest& request, const Reply& reply) {
  ats::WebhookHeaders headers;
  request.headers.visit(
      [&](std::string_view name, std::string_view value) { headers.add(std::string(name), std::string(value)); });
  reply_after_commit(services.store,
                     services.webhooks.prepare_receive(request.params.get("connector"), request.body, headers), reply,
                     [](Result<IntakeOutcome> outcome) {
                       if (!outcome) return problem_response(outcome.error());
                       if (*outcome == IntakeOutcome::duplicate) return json_body(200, {{"status", "duplicate"}});
                       return json_body(202, {{"status", "accepted"}});
                     });
}

}  // namespace

std::vector<RouteInfo> hook_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::post, "/hooks/{connector}", "receiveWebhook", Access::open, Execution::deferred,
                    {.summary = "A signed webhook from an ATS (Greenhouse, Lever or Standard Webhooks)",
                     .tag = "integrations",
                     .headers = {"Signature", "Greenhouse-Event-ID", "webhook-id", "webhook-timestamp",
                                 "webhook-signature"},
                     .request_schema = "WebhookDelivery",
                     .success_status = 202,
                     .response_schema = "WebhookAck",
                     .problem_statuses = {400, 401, 404, 413}},
                    {},
                    {},
                    [&services](HttpRequest& request, const Reply& reply) { receive_webhook(services, request, reply); }});
  return routes;
}

}  // namespace snag::http
