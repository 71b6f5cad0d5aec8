#pragma once
// Turns the credentials a request presents into the Actor the use cases act for: an API key or
// an OAuth access token as a bearer, or the web app's session cookie. A cookie-authenticated
// write must echo the session's CSRF token, because a browser sends the cookie along with
// requests that other sites trigger.

#include <optional>
#include <string_view>

#include <snag/app/api_key_service.hpp>
#include <snag/app/identity/session_service.hpp>
#include <snag/app/identity/token_service.hpp>
#include <snag/domain/actor.hpp>

namespace snag {

struct PresentedCredentials {
  std::optional<std::string_view> bearer;          // from Authorization: Bearer …
  std::optional<std::string_view> session_cookie;  // the snag_session cookie
  std::string_view csrf_token;                     // the X-CSRF-Token header
  bool unsafe_method = false;                      // anything but GET, HEAD and OPTIONS
  std::string_view address;                        // the client's address, for the access log
  std::string_view origin;                         // the Origin header: an embed token's page
};

// Thread-safe.
class Authenticator {
 public:
  Authenticator(ApiKeyService& api_keys, TokenService& tokens, SessionService& sessions);

  // unauthenticated when nothing usable is presented, or for an embed token sent from a page of
  // another origin; permission_denied for a cookie write without the session's CSRF token. A
  // bearer wins over a cookie.
  Result<Actor> authenticate(const PresentedCredentials& credentials);

 private:
  ApiKeyService& m_api_keys;
  TokenService& m_tokens;
  SessionService& m_sessions;
};

}  // namespace snag
