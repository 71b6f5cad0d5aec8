#pragma once
// Each file under handlers/ contributes its routes; api.cpp gathers them into the Router.

#include <string>
#include <vector>

#include <snag/http/metrics.hpp>
#include <snag/http/router.hpp>
#include <snag/http/services.hpp>

namespace snag::http {

std::vector<RouteInfo> ticket_routes(const HttpServices& services);
std::vector<RouteInfo> issue_type_routes(const Catalog& catalog);
std::vector<RouteInfo> policy_routes(const HttpServices& services);
// A GET (any authenticated caller) answered with a body built once: configuration that does not
// change while Snag runs.
RouteInfo fixed_body_route(std::string pattern, std::string operation_id, std::string_view summary,
                           std::string_view schema, std::string body);
std::vector<RouteInfo> candidate_routes(const HttpServices& services);
std::vector<RouteInfo> event_routes(const HttpServices& services);
std::vector<RouteInfo> oauth_routes(const HttpServices& services);
std::vector<RouteInfo> session_routes(const HttpServices& services);
std::vector<RouteInfo> embed_token_routes(const HttpServices& services);
std::vector<RouteInfo> key_routes(const HttpServices& services);
std::vector<RouteInfo> user_routes(const HttpServices& services);
std::vector<RouteInfo> access_log_routes(const HttpServices& services);
std::vector<RouteInfo> connector_routes(const HttpServices& services);
std::vector<RouteInfo> hook_routes(const HttpServices& services);
std::vector<RouteInfo> subscription_routes(const HttpServices& services);
std::vector<RouteInfo> automation_routes(const HttpServices& services);
std::vector<RouteInfo> saved_view_routes(const HttpServices& services);
std::vector<RouteInfo> rule_routes(const HttpServices& services);
std::vector<RouteInfo> compliance_routes(const HttpServices& services);
std::vector<RouteInfo> incident_routes(const HttpServices& services);
std::vector<RouteInfo> export_routes(const HttpServices& services);
std::vector<RouteInfo> report_routes(const HttpServices& services);
// `metrics` and `openapi_document` are read on each request, so they may be filled in after
// the router is built from these routes.
std::vector<RouteInfo> operation_routes(Store& store, const Metrics& metrics, const InboxProcessor& inbox,
                                        const std::string& openapi_document);

}  // namespace snag::http
