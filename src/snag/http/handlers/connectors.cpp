// /api/v1/connectors (ATS accounts and the health of their feeds) and /api/v1/dead-letters
// (webhook deliveries that ran out of attempts, and their replay). All need connectors:admin.

#include <snag/http/codec/connector_json.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

HttpResponse create_connector(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto connector = decode_connector(*body);
  if (!connector) return problem_response(connector.error());
  auto created = services.connectors.create(request.caller(), std::move(*connector));
  if (!created) return problem_response(created.error());
  auto response = json_body(201, encode_connector(*created));
  response.with_header("Location", "/api/v1/connectors/" + created->connector.id);
  return response;
}

HttpResponse list_connectors(const HttpServices& services, HttpRequest& request) {
  auto connectors = services.connectors.list(request.caller());
  if (!connectors) return problem_response(connectors.error());
  auto items = nlohmann::json::array();
  for (const auto& connector : *connectors) items.push_back(encode_connector(connector));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse get_connector(const HttpServices& services, HttpRequest& request) {
  auto connector = services.connectors.get(request.caller(), request.params.get("id"));
  if (!connector) return problem_response(connector.error());
  return json_body(200, encode_connector(*connector));
}

HttpResponse update_connector(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto changes = decode_connector_changes(*body);
  if (!changes) return problem_response(changes.error());
  auto updated = services.connectors.update(request.caller(), request.params.get("id"), *changes);
  if (!updated) return problem_response(updated.error());
  return json_body(200, encode_connector(*updated));
}

HttpResponse list_dead_letters(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  DeadLetterQuery query;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : *params) {
    if (name == "connector") {
      query.connector = value;
    } else if (name == "limit") {
      const auto limit = positive_number(value);
      if (!limit || *limit > 200) {
        errors.push_back({"limit", "must be a whole number from 1 to 200"});
      } else {
        query.limit = static_cast<int>(*limit);
      }
    } else if (name == "cursor") {
      const auto after = positive_number(value);
      if (!after) {
        errors.push_back({"cursor", "is not a cursor this list issued"});
      } else {
        query.after = DeliveryId{*after};
      }
    } else {
      errors.push_back({name, "is not a filter of this list"});
    }
  }
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  auto page = services.connectors.dead_letters(request.caller(), query);
  if (!page) return problem_response(page.error());
  const bool with_body = services.access.may_read_pii(request.caller());
  auto items = nlohmann::json::array();
  for (const auto& delivery : page->items) items.push_back(encode_dead_letter(delivery, with_body));
  return json_body(200, {{"items", std::move(items)},
                         {"next_cursor", page->next_after ? nlohmann::json(std::to_string(page->next_after->value))
                                                          : nlohmann::json(nullptr)}});
}

HttpResponse replay_dead_letter(const HttpServices& services, HttpRequest& request) {
  const auto& text = request.params.get("id");
  const auto id = positive_number(text);
  if (!id) return problem_response(fail(ErrorCode::not_found, "No dead letter " + text + ".").value());
  auto replayed = services.connectors.replay(request.caller(), DeliveryId{*id}, std::nullopt);
  if (!replayed) return problem_response(replayed.error());
  return json_body(202, {{"replayed", *replayed}});
}

HttpResponse replay_all_dead_letters(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  std::optional<std::string> connector;
  for (const auto& [name, value] : *params) {
    if (name != "connector") return problem_response(fail_validation({{name, "is not a parameter here"}}).value());
    connector = value;
  }
  auto replayed = services.connectors.replay(request.caller(), std::nullopt, connector);
  if (!replayed) return problem_response(replayed.error());
  return json_body(202, {{"replayed", *replayed}});
}

}  // namespace

std::vector<RouteInfo> connector_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::post, "/api/v1/connectors", "createConnector", Access::bearer, Execution::blocking,
                    {.summary = "Connect an ATS account (connectors:admin)",
                     .tag = "integrations",
                     .request_schema = "ConnectorCreate",
                     .success_status = 201,
                     .response_schema = "Connector",
                     .problem_statuses = {400, 403, 409, 413, 415, 422}},
                    bind(create_connector)});
  routes.push_back({HttpMethod::get, "/api/v1/connectors", "listConnectors", Access::bearer, Execution::inline_io,
                    {.summary = "Every connector with the health of its feed (last event, lag, error rate)",
                     .tag = "integrations",
                     .response_schema = "ConnectorList",
                     .problem_statuses = {403}},
                    bind(list_connectors)});
  routes.push_back({HttpMethod::get, "/api/v1/connectors/{id}", "getConnector", Access::bearer, Execution::inline_io,
                    {.summary = "One connector with the health of its feed",
                     .tag = "integrations",
                     .response_schema = "Connector",
                     .problem_statuses = {403, 404}},
                    bind(get_connector)});
  routes.push_back({HttpMethod::patch, "/api/v1/connectors/{id}", "updateConnector", Access::bearer,
                    Execution::blocking,
                    {.summary = "Change a connector's secrets (rotation: the new beside the old, then the new alone), "
                                "mode, batch API or whether it is disabled",
                     .tag = "integrations",
                     .request_schema = "ConnectorChanges",
                     .response_schema = "Connector",
                     .problem_statuses = {400, 403, 404, 413, 415, 422}},
                    bind(update_connector)});
  routes.push_back({HttpMethod::get, "/api/v1/dead-letters", "listDeadLetters", Access::bearer, Execution::inline_io,
                    {.summary = "Webhook deliveries that failed every attempt, oldest first",
                     .tag = "integrations",
                     .query_params = {"connector", "limit", "cursor"},
                     .response_schema = "DeadLetterPage",
                     .problem_statuses = {403, 422}},
                    bind(list_dead_letters)});
  routes.push_back({HttpMethod::post, "/api/v1/dead-letters/replay", "replayDeadLetters", Access::bearer,
                    Execution::blocking,
                    {.summary = "Queue every dead letter (of one connector) for processing again",
                     .tag = "integrations",
                     .query_params = {"connector"},
                     .success_status = 202,
                     .response_schema = "ReplayResult",
                     .problem_statuses = {403, 422}},
                    bind(replay_all_dead_letters)});
  routes.push_back({HttpMethod::post, "/api/v1/dead-letters/{id}/replay", "replayDeadLetter", Access::bearer,
                    Execution::blocking,
                    {.summary = "Queue one dead letter for processing again",
                     .tag = "integrations",
                     .success_status = 202,
                     .response_schema = "ReplayResult",
                     .problem_statuses = {403, 404}},
                    bind(replay_dead_letter)});
  return routes;
}

}  // namespace snag::http
