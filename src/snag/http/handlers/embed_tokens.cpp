// POST /api/v1/embed-tokens: the widget on an ATS page asks for a short-lived token that files
// tickets for its origin (README "The widget"). No credential: the page's origin, which the
// browser sets, is what the widget policy allows; the answer carries what the widget's form needs.

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

Result<std::string> decode_connector(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  auto connector = reader.required_string("connector");
  reader.reject_unknown();
  if (!errors.empty()) return fail_validation(std::move(errors));
  return std::move(*connector);
}

nlohmann::json issue_types_for_the_form(const Catalog& catalog) {
  auto items = nlohmann::json::array();
  for (const auto& type : catalog.issue_types) {
    if (!type.deprecated) items.push_back({{"code", type.code}, {"name", type.name}});
  }
  return items;
}

HttpResponse issue_embed_token(const HttpServices& services, HttpRequest& request) {
  if (request.origin.empty()) {
    return problem_response(403, "An embed token is issued to a page's script: the request has no Origin header.");
  }
  if (auto admitted = services.tokens.admit_widget_call(request.remote_address); !admitted) {
    return problem_response(admitted.error());
  }
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto connector_id = decode_connector(*body);
  if (!connector_id) return problem_response(connector_id.error());
  // The origin first: a page that may not embed the widget learns nothing about connectors.
  auto token = services.tokens.issue_embed(request.origin);
  if (!token) return problem_response(token.error());
  auto connector = services.store.find_connector(*connector_id);
  if (!connector) return problem_response(connector.error());
  if (!*connector) return problem_response(fail_validation({{"connector", "is not a connector of this Snag"}}).value());
  auto response = json_body(201, {{"token", token->token},
                                  {"token_type", "Bearer"},
                                  {"expires_in", token->expires_in.count()},
                                  {"ats", (*connector)->ats},
                                  {"issue_types", issue_types_for_the_form(services.catalog)}});
  response.with_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

std::vector<RouteInfo> embed_token_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  routes.push_back(
      {HttpMethod::post,
       "/api/v1/embed-tokens",
       "issueEmbedToken",
       Access::open,
       Execution::blocking,
       {.summary =
            "An embed token for the widget on a page of an allowed origin (CORS): it files tickets, nothing else",
        .tag = "session",
        .request_schema = "EmbedTokenRequest",
        .success_status = 201,
        .response_schema = "EmbedToken",
        .problem_statuses = {400, 403, 413, 415, 422, 429}},
       [&services](HttpRequest& request) { return issue_embed_token(services, request); }});
  return routes;
}

}  // namespace snag::http
