// POST /oauth/token: the OAuth 2.0 client credentials grant (RFC 6749 §4.4). Unlike the rest of
// the API it takes a form and answers errors as RFC 6749 §5.2 JSON, because OAuth client
// libraries expect exactly that.

#include <cctype>
#include <iterator>
#include <map>

#include <nlohmann/json.hpp>

#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>
#include <snag/util/crypto.hpp>
#include <snag/util/text.hpp>

namespace snag::http {
namespace {

constexpr std::string_view k_form_media_type = "application/x-www-form-urlencoded";
constexpr std::string_view k_grant_type = "client_credentials";
// RFC 6749 §2.3.1 and RFC 7617: the realm of the Basic challenge sent with invalid_client.
constexpr std::string_view k_basic_challenge = "Basic realm=\"snag\"";

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

bool is_form_media_type(std::string_view content_type) {
  return equals_ignoring_case(trim_blanks(content_type.substr(0, content_type.find(';'))), k_form_media_type);
}

// error_description may only hold %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §5.2); anything else,
// which could only come from echoed input, becomes '?'.
std::string description_text(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e || c == '"' || c == '\\') c = '?';
  }
  return out;
}

// RFC 6749 §5.1 and §5.2: token responses, successful or not, must not be cached.
HttpResponse token_response(unsigned status, const nlohmann::json& body) {
  auto response = json_response(status, json_text(body));
  response.with_header("Cache-Control", "no-store");
  response.with_header("Pragma", "no-cache");
  return response;
}

HttpResponse error_response(const TokenError& error) {
  unsigned status = 400;
  if (error.client_authentication_failed || error.error == "invalid_client") {
    status = 401;
  } else if (error.error == "server_error") {
    status = 500;
  } else if (error.error == "temporarily_unavailable") {
    status = 503;
  }
  auto response =
      token_response(status, {{"error", error.error}, {"error_description", description_text(error.description)}});
  // A 401 carries a challenge (RFC 9110 §11.6.1); RFC 6749 §5.2 requires the Basic one when the
  // client tried Basic, and it is the scheme to use in any case.
  if (status == 401) response.with_header("WWW-Authenticate", std::string(k_basic_challenge));
  if (status == 503) response.with_header("Retry-After", "1");
  return response;
}

HttpResponse error_response(std::string_view error, std::string_view description) {
  return error_response(TokenError{std::string(error), std::string(description), error == "invalid_client"});
}

// Standard base64 (RFC 4648 §4), padded or not, strictly: the base64url decoder after mapping
// the two characters in which the alphabets differ.
std::optional<std::string> base64_decode(std::string_view text) {
  std::string mapped(text);
  std::size_t padding = 0;
  while (!mapped.empty() && mapped.back() == '=' && padding < 2) {
    mapped.pop_back();
    ++padding;
  }
  if (padding != 0 && text.size() % 4 != 0) return std::nullopt;
  for (auto& c : mapped) {
    if (c == '-' || c == '_') return std::nullopt;
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return base64url_decode(mapped);
}

struct ClientCredentials {
  std::string id;
  std::string secret;
};

// "Basic base64(urlencode(id) ':' urlencode(secret))" (RFC 6749 §2.3.1); nullopt for anything else.
std::optional<ClientCredentials> basic_credentials(std::string_view authorization) {
  const auto space = authorization.find(' ');
  if (space == std::string_view::npos || !equals_ignoring_case(authorization.substr(0, space), "basic")) {
    return std::nullopt;
  }
  const auto decoded = base64_decode(trim_blanks(authorization.substr(space + 1)));
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto id = percent_decode(std::string_view(*decoded).substr(0, colon), true);
  auto secret = percent_decode(std::string_view(*decoded).substr(colon + 1), true);
  if (!id || !secret) return std::nullopt;
  return ClientCredentials{std::move(*id), std::move(*secret)};
}

HttpResponse issue_token(const HttpServices& services, HttpRequest& request) {
  if (!is_form_media_type(request.content_type)) {
    return error_response("invalid_request", "The request body must be application/x-www-form-urlencoded.");
  }
  auto form = parse_query_string(request.body);
  if (!form) return error_response("invalid_request", "The form has an invalid percent-escape.");
  // RFC 6749 §3.2: a parameter without a value counts as left out, none may be repeated, and
  // unknown ones are ignored.
  std::map<std::string_view, std::string> params;
  for (const std::string_view name : {"grant_type", "scope", "client_id", "client_secret"}) {
    const auto [first, last] = form->equal_range(std::string(name));
    if (first == last) continue;
    if (std::next(first) != last) {
      return error_response("invalid_request", "The parameter " + std::string(name) + " is repeated.");
    }
    if (!first->second.empty()) params.emplace(name, first->second);
  }
  const auto param = [&params](std::string_view name) -> const std::string* {
    const auto it = params.find(name);
    return it == params.end() ? nullptr : &it->second;
  };

  const std::string* grant_type = param("grant_type");
  if (grant_type == nullptr) return error_response("invalid_request", "The parameter grant_type is missing.");
  if (*grant_type != k_grant_type) {
    return error_response("unsupported_grant_type", "Only the client_credentials grant is supported.");
  }

  ClientCredentials credentials;
  const std::string* form_id = param("client_id");
  const std::string* form_secret = param("client_secret");
  if (!request.authorization.empty()) {
    // RFC 6749 §2.3: one authentication method per request.
    if (form_secret != nullptr) {
      return error_response("invalid_request",
                            "Send the client's credentials once: in the Authorization header or in the form.");
    }
    auto basic = basic_credentials(request.authorization);
    if (!basic) {
      return error_response("invalid_client",
                            "The Authorization header must be HTTP Basic with the client's id and secret.");
    }
    if (form_id != nullptr && *form_id != basic->id) {
      return error_response("invalid_request", "The client_id of the form is not the one of the Authorization header.");
    }
    credentials = std::move(*basic);
  } else {
    if (form_id == nullptr || form_secret == nullptr) {
      return error_response(
          "invalid_client",
          "Authenticate the client with HTTP Basic, or with client_id and client_secret in the form.");
    }
    credentials = {*form_id, *form_secret};
  }

  const std::string* scope = param("scope");
  auto token = services.tokens.issue(credentials.id, credentials.secret,
                                     scope == nullptr ? std::nullopt : std::optional<std::string>(*scope));
  if (!token) return error_response(token.error());
  return token_response(200, {{"access_token", token->token},
                              {"token_type", "Bearer"},
                              {"expires_in", token->expires_in.count()},
                              {"scope", token->scope}});
}

}  // namespace

std::vector<RouteInfo> oauth_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  // Open: the client authenticates itself in the request, which the handler checks. Blocking:
  // the first token makes the store keep the signing key.
  routes.push_back({HttpMethod::post,
                    "/oauth/token",
                    "issueToken",
                    Access::open,
                    Execution::blocking,
                    {.summary = "Trade an OAuth client's id and secret for an access token (client credentials grant)",
                     .tag = "oauth",
                     .request_schema = "TokenRequest",
                     .response_schema = "TokenResponse",
                     .problem_statuses = {400, 401, 503}},
                    [&services](HttpRequest& request) { return issue_token(services, request); }});
  return routes;
}

}  // namespace snag::http
