// /api/v1/session: the web app's sign-in (a session cookie plus a CSRF token), who is signed in,
// and sign-out.

#include <chrono>

#include <snag/domain/access/visibility.hpp>
#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/util/time.hpp>

namespace snag::http {
namespace {

constexpr std::string_view k_session_credential_prefix = "session:";

struct LoginRequest {
  std::string username;
  std::string password;
};

Result<LoginRequest> decode_login(const nlohmann::json& body) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  LoginRequest login;
  if (auto username = reader.required_string("username")) login.username = std::move(*username);
  if (auto password = reader.required_string("password")) login.password = std::move(*password);
  reader.reject_unknown();
  if (!errors.empty()) return fail_validation(std::move(errors));
  return login;
}

bool signed_in_by_session(const Actor& actor) { return actor.credential.starts_with(k_session_credential_prefix); }

// Snag serves plain HTTP; TLS ends at the proxy in front of it, which says so in
// X-Forwarded-Proto (what nginx and load balancers send), and then the cookie is Secure.
bool came_over_tls(const HttpRequest& request) {
  std::string_view proto = request.forwarded_proto;
  return proto.size() == 5 && (proto[0] | 0x20) == 'h' && (proto[1] | 0x20) == 't' && (proto[2] | 0x20) == 't' &&
         (proto[3] | 0x20) == 'p' && (proto[4] | 0x20) == 's';
}

std::string session_cookie(const HttpRequest& request, std::string_view value, long max_age_seconds) {
  std::string cookie = std::string(k_session_cookie) + "=" + std::string(value) +
                       "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (came_over_tls(request)) cookie += "; Secure";
  return cookie;
}

// The signed-in person: a user's display name comes from the store; a bearer (an API key or
// a client's token) has only its name.
Result<nlohmann::json> user_json(const HttpServices& services, const Actor& actor) {
  std::string display_name = actor.name;
  if (signed_in_by_session(actor)) {
    auto user = services.store.find_user_by_name(actor.name);
    if (!user) return tl::unexpected(std::move(user.error()));
    if (*user) display_name = (*user)->display_name;
  }
  const auto default_view = services.sessions.default_view(actor.role);
  // What the web app may offer this person: it shows a screen only when its API would answer.
  auto permissions = nlohmann::json::array();
  for (const auto permission : known_permissions()) {
    if (allows(services.catalog, actor, permission)) permissions.push_back(permission);
  }
  return nlohmann::json{{"username", actor.name},
                        {"display_name", std::move(display_name)},
                        {"default_view", default_view ? nlohmann::json(*default_view) : nlohmann::json(nullptr)},
                        {"permissions", std::move(permissions)},
                        {"role", actor.role},
                        {"team", actor.team ? nlohmann::json(*actor.team) : nlohmann::json(nullptr)}};
}

HttpResponse sign_in(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto login = decode_login(*body);
  if (!login) return problem_response(login.error());
  auto signed_in = services.sessions.login(login->username, login->password, request.remote_address);
  if (!signed_in) return problem_response(signed_in.error());
  auto user = user_json(services, signed_in->actor);
  if (!user) return problem_response(user.error());
  const auto lifetime = signed_in->expires_at - services.tickets.now();
  const long max_age = std::max(0L, static_cast<long>(std::chrono::floor<std::chrono::seconds>(lifetime).count()));
  auto response = json_body(200, {{"user", std::move(*user)},
                                  {"csrf_token", signed_in->csrf_token},
                                  {"expires_at", format_rfc3339(signed_in->expires_at)}});
  response.with_header("Set-Cookie", session_cookie(request, signed_in->session_token, max_age));
  response.with_header("Cache-Control", "no-store");
  return response;
}

HttpResponse current_session(const HttpServices& services, HttpRequest& request) {
  const Actor& actor = request.caller();
  nlohmann::json csrf_token = nullptr;
  if (signed_in_by_session(actor)) {
    // The SPA reads its CSRF token here after a reload; the cookie is what authenticated.
    const auto token = cookie_value(request.cookie, k_session_cookie);
    if (!token) return problem_response(Error{ErrorCode::unauthenticated, "Sign in again.", {}, {}});
    auto session = services.sessions.authenticate(*token);
    if (!session) return problem_response(session.error());
    csrf_token = session->csrf_token;
  }
  auto user = user_json(services, actor);
  if (!user) return problem_response(user.error());
  auto response = json_body(200, {{"user", std::move(*user)}, {"csrf_token", std::move(csrf_token)}});
  response.with_header("Cache-Control", "no-store");
  return response;
}

HttpResponse sign_out(const HttpServices& services, HttpRequest& request) {
  // Only the session that authenticated this request ends: a bearer caller has none (a
  // cookie sent beside a bearer was not checked against its CSRF token).
  if (signed_in_by_session(request.caller())) {
    if (const auto token = cookie_value(request.cookie, k_session_cookie)) {
      if (auto ended = services.sessions.logout(*token); !ended) return problem_response(ended.error());
    }
  }
  HttpResponse response;
  response.status = 204;
  response.with_header("Set-Cookie", session_cookie(request, "", 0));
  return response;
}

}  // namespace

std::vector<RouteInfo> session_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::post,
                    "/api/v1/session",
                    "signIn",
                    Access::open,
                    Execution::blocking,
                    {.summary = "Sign in with a username and password: sets the HttpOnly session cookie",
                     .tag = "session",
                     .request_schema = "Login",
                     .response_schema = "Session",
                     .problem_statuses = {400, 401, 413, 415, 422, 429}},
                    bind(sign_in)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/session",
                    "getSession",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Who is signed in, and the session's CSRF token (null for a bearer)",
                     .tag = "session",
                     .response_schema = "Session"},
                    bind(current_session)});
  routes.push_back({HttpMethod::delete_,
                    "/api/v1/session",
                    "signOut",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Sign out: ends the session and clears its cookie (a cookie caller sends X-CSRF-Token)",
                     .tag = "session",
                     .success_status = 204,
                     .problem_statuses = {403}},
                    bind(sign_out)});
  return routes;
}

}  // namespace snag::http
