#include <snag/app/identity/authenticator.hpp>

#include <snag/util/crypto.hpp>

namespace snag {

Authenticator::Authenticator(ApiKeyService& api_keys, TokenService& tokens, SessionService& sessions)
    : m_api_keys(api_keys), m_tokens(tokens), m_sessions(sessions) {}

Result<Actor> Authenticator::authenticate(const PresentedCredentials& credentials) {
  Result<Actor> actor = fail(ErrorCode::unauthenticated,
                             "Send Authorization: Bearer <API key or access token>, or sign in.");
  if (credentials.bearer) {
    actor = looks_like_jwt(*credentials.bearer) ? m_tokens.authenticate(*credentials.bearer)
                                                : m_api_keys.authenticate(*credentials.bearer);
    // A page's token is no use anywhere else: a browser cannot be made to send another origin.
    if (actor && actor->credential.starts_with(k_embed_credential_prefix) &&
        normalized_origin(credentials.origin) != actor->credential.substr(k_embed_credential_prefix.size())) {
      return fail(ErrorCode::unauthenticated, "This embed token belongs to pages of another origin.");
    }
  } else if (credentials.session_cookie) {
    auto session = m_sessions.authenticate(*credentials.session_cookie);
    if (!session) return tl::unexpected(std::move(session.error()));
    if (credentials.unsafe_method && !constant_time_equal(credentials.csrf_token, session->csrf_token)) {
      return fail(ErrorCode::permission_denied,
                  "A write made with the session cookie must send the session's CSRF token in X-CSRF-Token.");
    }
    actor = std::move(session->actor);
  }
  if (actor) actor->address = std::string(credentials.address);
  return actor;
}

}  // namespace snag
