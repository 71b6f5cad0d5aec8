// /api/v1/views: saved ticket list queries, personal and shared (app/views/saved_view_service.hpp).

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

nlohmann::json encode_view(const SavedView& view, const Actor& caller) {
  return {{"id", view.id.value},
          {"name", view.name},
          {"query", view.query},
          {"shared", view.shared},
          {"owner", view.owner},
          {"mine", view.owner == caller.name},
          {"created_at", format_rfc3339(view.created_at)},
          {"updated_at", format_rfc3339(view.updated_at)}};
}

// The query as the list's URL holds it, with or without its leading '?', and decoded.
std::optional<ViewQuery> decode_query(const nlohmann::json& value, std::vector<FieldError>& errors) {
  auto text = decode_string(value, "query", errors);
  if (!text) return std::nullopt;
  if (text->starts_with('?')) text->erase(0, 1);
  auto params = parse_query_string(*text);
  if (!params) {
    errors.push_back({"query", "is not a URL query string: " + params.error().message});
    return std::nullopt;
  }
  return ViewQuery{std::move(*text), std::move(*params)};
}

std::optional<bool> decode_shared(const nlohmann::json& value, std::vector<FieldError>& errors) {
  if (value.is_boolean()) return value.get<bool>();
  errors.push_back({"shared", "must be true or false"});
  return std::nullopt;
}

// name, query, shared? (false).
Result<NewSavedView> decode_new_view(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  NewSavedView view;
  if (auto name = reader.required_string("name")) view.name = std::move(*name);
  if (const auto* query = reader.find("query")) {
    if (auto decoded = decode_query(*query, errors)) view.query = std::move(*decoded);
  } else {
    errors.push_back({"query", "is required (a ticket list query such as status=new&team=hris)"});
  }
  if (const auto* shared = reader.find("shared")) view.shared = decode_shared(*shared, errors).value_or(false);
  reader.reject_unknown({"id", "owner", "mine", "created_at", "updated_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return view;
}

// Any of name, query, shared.
Result<SavedViewChange> decode_view_change(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  SavedViewChange change;
  if (const auto* name = reader.find("name")) change.name = decode_string(*name, "name", errors);
  if (const auto* query = reader.find("query")) change.query = decode_query(*query, errors);
  if (const auto* shared = reader.find("shared")) change.shared = decode_shared(*shared, errors);
  reader.reject_unknown({"id", "owner", "mine", "created_at", "updated_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return change;
}

HttpResponse list_views(const HttpServices& services, HttpRequest& request) {
  auto views = services.saved_views.list(request.caller());
  if (!views) return problem_response(views.error());
  auto items = nlohmann::json::array();
  for (const auto& view : *views) items.push_back(encode_view(view, request.caller()));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse create_view(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto decoded = decode_new_view(*body);
  if (!decoded) return problem_response(decoded.error());
  auto created = services.saved_views.create(request.caller(), std::move(*decoded));
  if (!created) return problem_response(created.error());
  auto response = json_body(201, encode_view(*created, request.caller()));
  response.headers.emplace_back("Location", "/api/v1/views/" + std::to_string(created->id.value));
  return response;
}

HttpResponse change_view(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<SavedViewId>(request, "view");
  if (!id) return problem_response(id.error());
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto decoded = decode_view_change(*body);
  if (!decoded) return problem_response(decoded.error());
  auto changed = services.saved_views.change(request.caller(), *id, std::move(*decoded));
  if (!changed) return problem_response(changed.error());
  return json_body(200, encode_view(*changed, request.caller()));
}

HttpResponse delete_view(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<SavedViewId>(request, "view");
  if (!id) return problem_response(id.error());
  if (auto removed = services.saved_views.remove(request.caller(), *id); !removed) {
    return problem_response(removed.error());
  }
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace

std::vector<RouteInfo> saved_view_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get,
                    "/api/v1/views",
                    "listViews",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "The caller's saved ticket list views and every shared one, by name",
                     .tag = "views",
                     .response_schema = "SavedViewList",
                     .problem_statuses = {401, 403}},
                    bind(list_views)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/views",
                    "createView",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Save a ticket list query under a name, for oneself or shared with everyone",
                     .tag = "views",
                     .request_schema = "NewSavedView",
                     .success_status = 201,
                     .response_schema = "SavedView",
                     .problem_statuses = {400, 401, 403, 409, 413, 415, 422}},
                    bind(create_view)});
  routes.push_back({HttpMethod::patch,
                    "/api/v1/views/{id}",
                    "changeView",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Rename a view, change its query, or share or unshare it (its owner only)",
                     .tag = "views",
                     .request_schema = "SavedViewChange",
                     .response_schema = "SavedView",
                     .problem_statuses = {400, 401, 403, 404, 409, 413, 415, 422}},
                    bind(change_view)});
  routes.push_back({HttpMethod::delete_,
                    "/api/v1/views/{id}",
                    "deleteView",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Delete a view (its owner only)", .tag = "views", .problem_statuses = {401, 403, 404}},
                    bind(delete_view)});
  return routes;
}

}  // namespace snag::http
