// The catalog's vocabulary, read-only after start, so each body is built once: GET
// /api/v1/issue-types, and the teams and workflows that forms and filters offer (GET
// /api/v1/teams, GET /api/v1/workflows).

#include <memory>

#include <snag/domain/access/access_policy.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {

// Assigned member by member: g++ 12 -O2 reports a false maybe-uninitialized for the aggregate
// form of these routes.
RouteInfo fixed_body_route(std::string pattern, std::string operation_id, std::string_view summary,
                           std::string_view schema, std::string body) {
  auto shared = std::make_shared<const std::string>(std::move(body));
  RouteInfo route;
  route.pattern = std::move(pattern);
  route.operation_id = std::move(operation_id);
  route.doc.summary = summary;
  route.doc.tag = "catalog";
  route.doc.response_schema = schema;
  route.handler = [shared](HttpRequest&) { return json_response(200, *shared); };
  return route;
}

namespace {

std::string issue_types_body(const Catalog& catalog) {
  auto items = nlohmann::json::array();
  for (const auto& type : catalog.issue_types) {
    items.push_back({{"code", type.code},
                     {"name", type.name},
                     {"category", type.category},
                     {"deprecated", type.deprecated},
                     {"replaced_by", type.replaced_by ? nlohmann::json(*type.replaced_by) : nlohmann::json(nullptr)},
                     {"default_team", type.default_team},
                     {"default_severity", to_string(type.default_severity)},
                     {"sensitivity", to_string(type.sensitivity)},
                     {"workflow", type.workflow}});
  }
  return nlohmann::json{{"items", std::move(items)}}.dump();
}

// Codes and names only: a team's Slack webhook is a secret.
std::string teams_body(const Catalog& catalog) {
  auto items = nlohmann::json::array();
  for (const auto& team : catalog.teams) items.push_back({{"code", team.code}, {"name", team.name}});
  return nlohmann::json{{"items", std::move(items)}}.dump();
}

std::string workflows_body(const Catalog& catalog) {
  auto items = nlohmann::json::array();
  for (const auto& workflow : catalog.workflows) {
    auto transitions = nlohmann::json::array();
    for (const auto& transition : workflow.transitions) {
      transitions.push_back({{"from", transition.from}, {"to", transition.to}});
    }
    items.push_back({{"name", workflow.name},
                     {"statuses", workflow.statuses},
                     {"initial", workflow.initial},
                     {"done", workflow.done},
                     {"paused", workflow.paused},
                     {"transitions", std::move(transitions)}});
  }
  return nlohmann::json{{"items", std::move(items)}}.dump();
}

}  // namespace

std::vector<RouteInfo> issue_type_routes(const Catalog& catalog) {
  std::vector<RouteInfo> routes;
  routes.push_back(fixed_body_route("/api/v1/issue-types", "listIssueTypes", "The configured issue types", "IssueTypes",
                                    issue_types_body(catalog)));
  routes.push_back(
      fixed_body_route("/api/v1/teams", "listTeams", "The configured teams", "Teams", teams_body(catalog)));
  routes.push_back(fixed_body_route("/api/v1/workflows", "listWorkflows",
                                    "The configured workflows: statuses and transitions", "Workflows",
                                    workflows_body(catalog)));
  return routes;
}

}  // namespace snag::http
