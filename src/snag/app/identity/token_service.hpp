#pragma once
// OAuth 2.0 client credentials (RFC 6749 §4.4) for ATS-side systems: a client trades its id and
// secret for a short-lived HS256 JWT access token, which the API then accepts like an API key.
// The signing key is generated once and shared by every node through the store
// (Store-side server_secret "token_signing_key").

#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <snag/app/identity/identity_policy.hpp>
#include <snag/app/identity/recent_events.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/access/widget_policy.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

struct NewOAuthClient {
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<std::set<std::string>> scopes;  // the most its tokens may carry; nullopt: its role's
};

struct IssuedOAuthClient {
  OAuthClientRecord record;
  std::string secret;  // shown once, never stored
};

struct AccessToken {
  std::string token;
  std::chrono::seconds expires_in;
  std::string scope;  // space-separated, as granted
};

// RFC 6749 §5.2 error codes, carried in Error::detail-free form by TokenError.
struct TokenError {
  std::string error;        // invalid_request, invalid_client, invalid_grant, unauthorized_client,
                            // unsupported_grant_type, invalid_scope
  std::string description;  // error_description
  bool client_authentication_failed = false;  // answered 401 with WWW-Authenticate
};

// Thread-safe.
class TokenService {
 public:
  TokenService(Store& store, const Catalog& catalog, const Clock& clock,
               std::chrono::seconds token_lifetime = k_default_token_lifetime, WidgetPolicy widget = {});

  // Creating and revoking are access-logged as edits of "oauth_client:<client id>" by `by`.
  Result<IssuedOAuthClient> create_client(const Actor& by, const NewOAuthClient& request);
  // Every client, in id order.
  Result<std::vector<OAuthClientRecord>> list_clients();
  // Its tokens stop working at once on this node, and on others within the client cache's few
  // seconds. Idempotent; not_found for an unknown client id.
  Result<void> revoke_client(const Actor& by, std::string_view client_id);
  // The client credentials grant: `requested_scope` is the form's space-separated scope, or
  // nullopt for everything the client may have.
  tl::expected<AccessToken, TokenError> issue(std::string_view client_id, std::string_view client_secret,
                                              const std::optional<std::string>& requested_scope);
  // An embed token for a page of `origin` (the widget): it files tickets, and nothing else, as
  // widget.role, for the widget's token lifetime. permission_denied for an origin the widget
  // policy does not list.
  Result<AccessToken> issue_embed(std::string_view origin);
  // Counts one widget call (an embed token asked for, a ticket filed with one) from `address`,
  // or refuses it with rate_limited when the address made widget.requests_per_minute_per_address
  // of them within the last minute. Counted in this node's memory, like failed sign-ins.
  Result<void> admit_widget_call(std::string_view address);
  const WidgetPolicy& widget_policy() const { return m_widget; }
  // unauthenticated for a token that is malformed, not HS256, badly signed, expired, or whose
  // client was revoked (or, for an embed token, whose origin is no longer allowed). An embed
  // token's actor has the credential "embed:<origin>": the caller checks the request's origin.
  Result<Actor> authenticate(std::string_view token);

 private:
  struct CachedClient {
    OAuthClientRecord record;
    Timestamp cached_at;
  };

  // Loaded from the store on first use; a failed load (the store unavailable) is retried on the
  // next call rather than remembered, which std::call_once would not allow portably.
  Result<std::string> signing_key();
  // The client, from a cache of a few seconds (so a revoked client's tokens stop within that
  // time); nullopt for an unknown client.
  Result<std::optional<OAuthClientRecord>> find_client_cached(std::string_view client_id, Timestamp now);
  // The most the client's tokens may carry: its scopes, or its role's permissions, within the
  // permissions its role has now.
  std::set<std::string> allowed_scopes(const OAuthClientRecord& client) const;

  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  std::chrono::seconds m_token_lifetime;
  const WidgetPolicy m_widget;
  std::mutex m_mutex;         // guards the members below
  std::string m_signing_key;  // empty until loaded
  std::unordered_map<std::string, CachedClient> m_clients;  // by client_id
  RecentEvents m_widget_calls{std::chrono::minutes(1)};     // by address
};

// Whether a bearer credential has the shape of a JWT (three dot-separated parts) rather than an
// API key.
bool looks_like_jwt(std::string_view bearer);

}  // namespace snag
