// /api/v1/keys: API keys, listed, created, rotated and revoked through the API.
//
// Who may do what: a caller with keys:admin manages every key. Anyone else sees the keys whose
// owner or name is its own name, and manages (rotates, revokes) the keys it owns (a key without
// an owner: the keys named after it); another's key answers 404, as an unknown one. A caller
// without keys:admin creates keys only for itself: named after itself (a key acts under its
// name, which the visibility rules match against reporters, assignees and watchers), owned by
// itself, with its own role and team, and scopes within what it holds.

#include <snag/domain/access/access_policy.hpp>
#include <snag/http/codec/api_key_json.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

bool is_key_admin(const HttpServices& services, const Actor& actor) {
  return services.access.require(actor, permission::keys_admin).has_value();
}

bool sees(const Actor& actor, const ApiKeyRecord& key) {
  return key.name == actor.name || (key.owner && *key.owner == actor.name);
}

bool manages(const Actor& actor, const ApiKeyRecord& key) {
  return key.owner ? *key.owner == actor.name : key.name == actor.name;
}

// The key `id` if the caller may manage it; not_found otherwise, so that others' keys are not
// revealed.
Result<ApiKeyRecord> managed_key(const HttpServices& services, const Actor& actor, ApiKeyId id) {
  auto found = services.api_keys.find(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found || (!is_key_admin(services, actor) && !manages(actor, **found))) {
    return fail(ErrorCode::not_found, "There is no API key " + std::to_string(id.value) + ".");
  }
  return std::move(**found);
}

HttpResponse list_keys(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  bool due_only = false;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : *params) {
    if (name != "due") {
      errors.push_back({name, "is not a filter of this list"});
    } else if (value == "true") {
      due_only = true;
    } else if (value != "false") {
      errors.push_back({"due", "must be true or false"});
    }
  }
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  const Actor& actor = request.caller();
  auto keys = due_only ? services.api_keys.due_for_rotation() : services.api_keys.list();
  if (!keys) return problem_response(keys.error());
  const bool admin = is_key_admin(services, actor);
  const Timestamp now = services.api_keys.now();
  auto items = nlohmann::json::array();
  for (const auto& key : *keys) {
    if (admin || sees(actor, key)) items.push_back(encode_api_key(key, services.api_keys, now));
  }
  return json_body(200, {{"items", std::move(items)}});
}

// What a caller without keys:admin may not ask for: permission_denied naming it.
Result<void> check_own_key(const HttpServices& services, const Actor& actor, const NewApiKey& key) {
  const auto denied = [](std::string what) {
    return fail(ErrorCode::permission_denied, "Only keys:admin may create " + std::move(what) + ".");
  };
  if (key.name != actor.name) return denied("a key named other than its creator ('" + actor.name + "')");
  if (key.owner != actor.name) return denied("a key owned by another");
  if (key.role != actor.role) return denied("a key with another role than the creator's ('" + actor.role + "')");
  if (key.team != actor.team) return denied("a key for another team than the creator's");
  if (key.scopes) {
    for (const auto& scope : *key.scopes) {
      // Unknown permissions are the service's 422, not a 403.
      if (is_known_permission(scope) && !services.access.require(actor, scope)) {
        return denied("a key with a scope its creator does not hold (" + scope + ")");
      }
    }
  }
  return {};
}

HttpResponse create_key(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto decoded = decode_api_key_request(*body);
  if (!decoded) return problem_response(decoded.error());
  const Actor& actor = request.caller();
  const bool admin = is_key_admin(services, actor);
  NewApiKey key;
  key.name = std::move(decoded->name);
  key.role = std::move(decoded->role);
  key.team = std::move(decoded->team);
  key.scopes = std::move(decoded->scopes);
  key.owner = decoded->owner ? std::move(decoded->owner) : std::optional<std::string>(actor.name);
  if (!admin) {
    // Left out, team and scopes are the creator's own: a key never holds more than its creator.
    if (!key.team) key.team = actor.team;
    if (!key.scopes && actor.scopes) {
      key.scopes.emplace();
      for (const auto& scope : *actor.scopes) {
        if (services.access.require(actor, scope)) key.scopes->insert(scope);
      }
    }
    if (auto allowed = check_own_key(services, actor, key); !allowed) return problem_response(allowed.error());
  }
  const Timestamp now = services.api_keys.now();
  if (decoded->expires_in_days) key.expires_at = now + std::chrono::days{*decoded->expires_in_days};
  auto issued = services.api_keys.create(request.caller(), key);
  if (!issued) return problem_response(issued.error());
  return json_body(201, encode_issued_api_key(*issued, services.api_keys, now));
}

HttpResponse rotate_key(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<ApiKeyId>(request, "API key");
  if (!id) return problem_response(id.error());
  if (auto key = managed_key(services, request.caller(), *id); !key) return problem_response(key.error());
  auto rotated = services.api_keys.rotate(request.caller(), *id);
  if (!rotated) return problem_response(rotated.error());
  const Timestamp now = services.api_keys.now();
  auto json = encode_issued_api_key(rotated->successor, services.api_keys, now);
  const auto previous_expiry = services.api_keys.effective_expiry(rotated->previous);
  json["previous_expires_at"] = previous_expiry ? nlohmann::json(format_rfc3339(*previous_expiry))
                                                  : nlohmann::json(nullptr);
  return json_body(201, json);
}

HttpResponse revoke_key(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<ApiKeyId>(request, "API key");
  if (!id) return problem_response(id.error());
  if (auto key = managed_key(services, request.caller(), *id); !key) return problem_response(key.error());
  if (auto revoked = services.api_keys.revoke(request.caller(), *id); !revoked) return problem_response(revoked.error());
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace

std::vector<RouteInfo> key_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get, "/api/v1/keys", "listApiKeys", Access::bearer, Execution::inline_io,
                    {.summary = "List API keys: every key with keys:admin, otherwise the caller's own",
                     .tag = "keys",
                     .query_params = {"due"},
                     .response_schema = "ApiKeyList",
                     .problem_statuses = {400, 422}},
                    bind(list_keys)});
  routes.push_back({HttpMethod::post, "/api/v1/keys", "createApiKey", Access::bearer, Execution::blocking,
                    {.summary = "Create an API key; the response holds its secret, shown this once",
                     .tag = "keys",
                     .request_schema = "NewApiKey",
                     .success_status = 201,
                     .response_schema = "IssuedApiKey",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(create_key)});
  routes.push_back({HttpMethod::post, "/api/v1/keys/{id}/rotate", "rotateApiKey", Access::bearer,
                    Execution::blocking,
                    {.summary = "Issue a key's successor; the old key keeps working for the rotation overlap",
                     .tag = "keys",
                     .success_status = 201,
                     .response_schema = "IssuedApiKey",
                     .problem_statuses = {404, 409}},
                    bind(rotate_key)});
  routes.push_back({HttpMethod::delete_, "/api/v1/keys/{id}", "revokeApiKey", Access::bearer, Execution::blocking,
                    {.summary = "Revoke an API key at once",
                     .tag = "keys",
                     .success_status = 204,
                     .problem_statuses = {404}},
                    bind(revoke_key)});
  return routes;
}

}  // namespace snag::http
