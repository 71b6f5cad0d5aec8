// /api/v1/users: the accounts that sign in on the web, managed by callers with users:admin.
// Users sign in with a password (POST /api/v1/session); API keys and OAuth clients are managed
// under /api/v1/keys and by `snag clients`.

#include <snag/domain/access/access_policy.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/user_json.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

Result<void> require_admin(const HttpServices& services, const HttpRequest& request) {
  return services.access.require(request.caller(), permission::users_admin);
}

HttpResponse list_users(const HttpServices& services, HttpRequest& request) {
  if (auto allowed = require_admin(services, request); !allowed) return problem_response(allowed.error());
  if (!request.query.empty()) return problem_response(fail_validation({{"query", "this list takes no filters"}}).value());
  auto users = services.sessions.list_users();
  if (!users) return problem_response(users.error());
  auto items = nlohmann::json::array();
  for (const auto& user : *users) items.push_back(encode_user(user));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse create_user(const HttpServices& services, HttpRequest& request) {
  if (auto allowed = require_admin(services, request); !allowed) return problem_response(allowed.error());
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto decoded = decode_new_user(*body);
  if (!decoded) return problem_response(decoded.error());
  auto created = services.sessions.create_user(request.caller(), *decoded);
  if (!created) return problem_response(created.error());
  return json_body(201, encode_user(*created));
}

HttpResponse get_user(const HttpServices& services, HttpRequest& request) {
  if (auto allowed = require_admin(services, request); !allowed) return problem_response(allowed.error());
  auto id = id_from_path<UserId>(request, "user");
  if (!id) return problem_response(id.error());
  auto found = services.store.find_user(*id);
  if (!found) return problem_response(found.error());
  if (!*found) return problem_response(fail(ErrorCode::not_found, "There is no user " + std::to_string(id->value) + ".").value());
  return json_body(200, encode_user(**found));
}

HttpResponse update_user(const HttpServices& services, HttpRequest& request) {
  if (auto allowed = require_admin(services, request); !allowed) return problem_response(allowed.error());
  auto id = id_from_path<UserId>(request, "user");
  if (!id) return problem_response(id.error());
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto changes = decode_user_changes(*body);
  if (!changes) return problem_response(changes.error());
  auto updated = services.sessions.update_user(request.caller(), *id, *changes);
  if (!updated) return problem_response(updated.error());
  return json_body(200, encode_user(*updated));
}

}  // namespace

std::vector<RouteInfo> user_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get, "/api/v1/users", "listUsers", Access::bearer, Execution::inline_io,
                    {.summary = "List the users who sign in on the web (users:admin)",
                     .tag = "users",
                     .response_schema = "UserList",
                     .problem_statuses = {403, 422}},
                    bind(list_users)});
  routes.push_back({HttpMethod::post, "/api/v1/users", "createUser", Access::bearer, Execution::blocking,
                    {.summary = "Create a user with a password (users:admin)",
                     .tag = "users",
                     .request_schema = "NewUser",
                     .success_status = 201,
                     .response_schema = "User",
                     .problem_statuses = {400, 403, 409, 413, 415, 422}},
                    bind(create_user)});
  routes.push_back({HttpMethod::get, "/api/v1/users/{id}", "getUser", Access::bearer, Execution::inline_io,
                    {.summary = "Get a user (users:admin)",
                     .tag = "users",
                     .response_schema = "User",
                     .problem_statuses = {403, 404}},
                    bind(get_user)});
  routes.push_back({HttpMethod::patch, "/api/v1/users/{id}", "updateUser", Access::bearer, Execution::blocking,
                    {.summary = "Change a user's name, role, team or password, or disable them; a new password or "
                                "disabling ends their sessions (users:admin)",
                     .tag = "users",
                     .request_schema = "UserChanges",
                     .response_schema = "User",
                     .problem_statuses = {400, 403, 404, 413, 415, 422}},
                    bind(update_user)});
  return routes;
}

}  // namespace snag::http
