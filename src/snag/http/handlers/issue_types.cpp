// GET /api/v1/issue-types: the catalog is read-only after start, so the body is built once.

#include <memory>

#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
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
                     {"default_severity", to_string(type.default_severity)}});
  }
  return nlohmann::json{{"items", std::move(items)}}.dump();
}

}  // namespace

std::vector<RouteInfo> issue_type_routes(const Catalog& catalog) {
  auto body = std::make_shared<const std::string>(issue_types_body(catalog));
  // Assigned member by member: g++ 12 -O2 reports a false maybe-uninitialized for the
  // aggregate form of this route.
  RouteInfo list;
  list.pattern = "/api/v1/issue-types";
  list.operation_id = "listIssueTypes";
  list.doc.summary = "The configured issue types";
  list.doc.tag = "catalog";
  list.doc.response_schema = "IssueTypes";
  list.handler = [body](HttpRequest&) { return json_response(200, *body); };
  std::vector<RouteInfo> routes;
  routes.push_back(std::move(list));
  return routes;
}

}  // namespace snag::http
