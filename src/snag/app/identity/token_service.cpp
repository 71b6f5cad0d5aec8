#include <algorithm>
#include <iterator>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/identity/token_service.hpp>
#include <snag/domain/access/access_policy.hpp>
#include <snag/util/crypto.hpp>
#include <snag/util/jwt.hpp>
#include <snag/util/log.hpp>

namespace snag {

namespace {

std::string client_object(std::string_view client_id) { return "oauth_client:" + std::string(client_id); }

constexpr std::string_view k_signing_key_name = "token_signing_key";
constexpr std::size_t k_signing_key_bytes = 32;  // RFC 7518 §3.2: at least the hash's size
constexpr std::string_view k_client_id_prefix = "snag_client_";
constexpr std::size_t k_client_id_bytes = 12;
constexpr std::size_t k_client_secret_bytes = 32;
constexpr std::size_t k_token_id_bytes = 16;
constexpr std::string_view k_subject_prefix = "client:";
// Nothing Snag issues is longer; longer input is refused before it is hashed or looked up.
constexpr std::size_t k_max_client_id_length = 200;
constexpr std::size_t k_max_client_secret_length = 512;
constexpr std::size_t k_max_cached_clients = 10000;

std::int64_t epoch_seconds(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// RFC 6749 §3.3: scope tokens separated by spaces. Repeated spaces are tolerated.
std::set<std::string> split_scope(std::string_view scope) {
  std::set<std::string> scopes;
  while (!scope.empty()) {
    const auto space = scope.find(' ');
    if (space != 0) scopes.emplace(scope.substr(0, space));
    if (space == std::string_view::npos) break;
    scope.remove_prefix(space + 1);
  }
  return scopes;
}

std::string join_scope(const std::set<std::string>& scopes) {
  std::string joined;
  for (const auto& scope : scopes) {
    if (!joined.empty()) joined += ' ';
    joined += scope;
  }
  return joined;
}

// All an embed token may do: file tickets.
std::set<std::string> embed_scopes() { return {"tickets:write"}; }

tl::unexpected<TokenError> token_error(std::string error, std::string description, bool client_failed = false) {
  return tl::unexpected(TokenError{std::move(error), std::move(description), client_failed});
}

tl::unexpected<TokenError> invalid_client() {
  return token_error("invalid_client", "The client is unknown or revoked, or the secret is wrong.", true);
}

// A store failure while issuing: the caller gets RFC 6749's server_error or
// temporarily_unavailable (§4.1.2.1's vocabulary), the log gets the cause.
tl::unexpected<TokenError> store_failure(const Error& error) {
  log_event(spdlog::level::err, "token request failed", {{"error", error.message}});
  if (error.code == ErrorCode::unavailable) {
    return token_error("temporarily_unavailable", "The server cannot issue tokens right now; try again.");
  }
  return token_error("server_error", "The server failed to issue a token.");
}

}  // namespace

TokenService::TokenService(Store& store, const Catalog& catalog, const Clock& clock,
                           std::chrono::seconds token_lifetime, WidgetPolicy widget)
    : m_store(store),
      m_catalog(catalog),
      m_clock(clock),
      m_token_lifetime(token_lifetime),
      m_widget(std::move(widget)) {}

Result<std::string> TokenService::signing_key() {
  std::lock_guard lock(m_mutex);
  if (!m_signing_key.empty()) return m_signing_key;
  // Every node proposes a key; the store keeps the first one, so all nodes sign alike.
  const std::string proposed = random_token(k_signing_key_bytes);
  Result<std::string> stored = fail(ErrorCode::internal, "the token signing key was not read");
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    stored = tx.server_secret(k_signing_key_name, proposed, m_clock.now());
    if (!stored) return tl::unexpected(stored.error());
    if (stored->size() < k_signing_key_bytes) {
      return fail(ErrorCode::internal, "the stored token signing key is shorter than 32 bytes");
    }
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  m_signing_key = *stored;
  return m_signing_key;
}

Result<IssuedOAuthClient> TokenService::create_client(const Actor& by, const NewOAuthClient& request) {
  std::vector<FieldError> errors;
  if (request.name.empty() || request.name.size() > 200) errors.push_back({"name", "must be 1 to 200 characters"});
  const RolePolicy* role = m_catalog.find_role(request.role);
  if (role == nullptr) errors.push_back({"role", "'" + request.role + "' is not a role"});
  if (request.team && !m_catalog.has_team(*request.team)) {
    errors.push_back({"team", "'" + *request.team + "' is not a team"});
  }
  if (request.scopes) {
    if (request.scopes->empty()) errors.push_back({"scopes", "must name at least one permission"});
    for (const auto& scope : *request.scopes) {
      if (!is_known_permission(scope)) {
        errors.push_back({"scopes", "'" + scope + "' is not a permission"});
      } else if (role != nullptr && !role->permissions.contains(scope)) {
        // A token could never use it: the role check comes first.
        errors.push_back({"scopes", "'" + scope + "' is not a permission of the role '" + request.role + "'"});
      }
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));

  IssuedOAuthClient issued;
  issued.secret = random_token(k_client_secret_bytes);
  issued.record.client_id = std::string(k_client_id_prefix) + random_token(k_client_id_bytes);
  issued.record.name = request.name;
  issued.record.role = request.role;
  issued.record.team = request.team;
  issued.record.scopes = request.scopes;
  issued.record.secret_hash = sha256_hex(issued.secret);
  issued.record.created_at = m_clock.now();
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_oauth_client(issued.record);
    if (!id) return tl::unexpected(std::move(id.error()));
    issued.record.id = *id;
    return tx.append_access_log(
        {access_entry(by, AccessAction::edit, issued.record.created_at, client_object(issued.record.client_id))});
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return issued;
}

std::set<std::string> TokenService::allowed_scopes(const OAuthClientRecord& client) const {
  const RolePolicy* role = m_catalog.find_role(client.role);
  if (role == nullptr) return {};  // a role dropped from the configuration grants nothing
  if (!client.scopes) return role->permissions;
  std::set<std::string> allowed;
  std::set_intersection(client.scopes->begin(), client.scopes->end(), role->permissions.begin(),
                        role->permissions.end(), std::inserter(allowed, allowed.end()));
  return allowed;
}

tl::expected<AccessToken, TokenError> TokenService::issue(std::string_view client_id, std::string_view client_secret,
                                                          const std::optional<std::string>& requested_scope) {
  if (client_id.empty() || client_id.size() > k_max_client_id_length || client_secret.empty() ||
      client_secret.size() > k_max_client_secret_length) {
    return invalid_client();
  }
  auto found = m_store.find_oauth_client(client_id);
  if (!found) return store_failure(found.error());
  // Hash even for an unknown client, so that the answer takes about as long either way.
  const std::string secret_hash = sha256_hex(client_secret);
  if (!*found || (*found)->revoked || !constant_time_equal(secret_hash, (*found)->secret_hash)) {
    return invalid_client();
  }
  const OAuthClientRecord& client = **found;

  const std::set<std::string> allowed = allowed_scopes(client);
  std::set<std::string> granted;
  const std::set<std::string> requested = requested_scope ? split_scope(*requested_scope) : std::set<std::string>{};
  if (requested.empty()) {
    granted = allowed;
  } else {
    for (const auto& scope : requested) {
      if (!is_known_permission(scope)) return token_error("invalid_scope", "'" + scope + "' is not a scope.");
      if (!allowed.contains(scope)) {
        return token_error("invalid_scope", "The client may not have the scope '" + scope + "'.");
      }
    }
    granted = requested;
  }
  // RFC 6749 §3.3: without a usable default, the request fails as invalid_scope.
  if (granted.empty()) return token_error("invalid_scope", "The client may not have any scope.");

  auto key = signing_key();
  if (!key) return store_failure(key.error());
  jwt::Claims claims;
  claims.subject = std::string(k_subject_prefix) + client.client_id;
  claims.scope = join_scope(granted);
  claims.issued_at = epoch_seconds(m_clock.now());
  claims.expires_at = claims.issued_at + m_token_lifetime.count();
  claims.id = random_token(k_token_id_bytes);
  AccessToken token;
  token.token = jwt::sign_hs256(claims, *key);
  token.expires_in = m_token_lifetime;
  token.scope = std::move(claims.scope);
  return token;
}

Result<void> TokenService::admit_widget_call(std::string_view address) {
  const long limit = m_widget.requests_per_minute_per_address;
  if (limit <= 0) return {};
  const Timestamp now = m_clock.now();
  const std::string key(address);
  std::lock_guard lock(m_mutex);
  if (auto wait = m_widget_calls.wait_if_full(key, static_cast<std::size_t>(limit), now)) {
    // The seconds in words as well: a page's script cannot read Retry-After across origins.
    return fail_rate_limited("Too many reports from this network; try again in " + std::to_string(*wait) +
                                 (*wait == 1 ? " second" : " seconds"),
                             *wait);
  }
  m_widget_calls.count(key, now);
  return {};
}

Result<AccessToken> TokenService::issue_embed(std::string_view origin) {
  const auto normalized = normalized_origin(origin);
  if (!normalized || !allows_origin(m_widget, *normalized)) {
    return fail(ErrorCode::permission_denied,
                "Pages of this origin may not embed the widget (widget.allowed_origins).");
  }
  auto key = signing_key();
  if (!key) return tl::unexpected(std::move(key.error()));
  jwt::Claims claims;
  claims.subject = std::string(k_embed_credential_prefix) + *normalized;
  claims.scope = join_scope(embed_scopes());
  claims.issued_at = epoch_seconds(m_clock.now());
  claims.expires_at = claims.issued_at + m_widget.token_lifetime.count();
  claims.id = random_token(k_token_id_bytes);
  AccessToken token;
  token.token = jwt::sign_hs256(claims, *key);
  token.expires_in = m_widget.token_lifetime;
  token.scope = std::move(claims.scope);
  return token;
}

Result<std::vector<OAuthClientRecord>> TokenService::list_clients() { return m_store.list_oauth_clients(); }

Result<void> TokenService::revoke_client(const Actor& by, std::string_view client_id) {
  auto revoked = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (auto done = tx.revoke_oauth_client(client_id); !done) return done;
    return tx.append_access_log({access_entry(by, AccessAction::edit, m_clock.now(), client_object(client_id))});
  });
  if (!revoked) return revoked;
  std::lock_guard lock(m_mutex);
  m_clients.erase(std::string(client_id));
  return {};
}

Result<std::optional<OAuthClientRecord>> TokenService::find_client_cached(std::string_view client_id, Timestamp now) {
  {
    std::lock_guard lock(m_mutex);
    const auto cached = m_clients.find(std::string(client_id));
    if (cached != m_clients.end() && now - cached->second.cached_at < k_credential_cache_lifetime)
      return cached->second.record;
  }
  auto found = m_store.find_oauth_client(client_id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return std::nullopt;
  std::lock_guard lock(m_mutex);
  if (m_clients.size() >= k_max_cached_clients) m_clients.clear();
  m_clients.insert_or_assign(std::string(client_id), CachedClient{**found, now});
  return *found;
}

Result<Actor> TokenService::authenticate(std::string_view token) {
  const auto refused = [](std::string message) { return fail(ErrorCode::unauthenticated, std::move(message)); };
  auto key = signing_key();
  if (!key) return tl::unexpected(std::move(key.error()));
  const Timestamp now = m_clock.now();
  auto claims = jwt::verify_hs256(token, *key, epoch_seconds(now));
  if (!claims) {
    if (claims.error() == jwt::Refusal::expired) return refused("The access token has expired; request a new one.");
    return refused("The access token is not valid.");
  }
  if (claims->subject.starts_with(k_embed_credential_prefix)) {
    const std::string origin = claims->subject.substr(k_embed_credential_prefix.size());
    if (!allows_origin(m_widget, origin)) return refused("The embed token's origin may no longer embed the widget.");
    return Actor{widget_actor_name(origin), m_widget.role, std::nullopt, claims->subject, {}, embed_scopes()};
  }
  if (!claims->subject.starts_with(k_subject_prefix) || claims->subject.size() == k_subject_prefix.size()) {
    return refused("The access token is not valid.");
  }
  const std::string_view client_id = std::string_view(claims->subject).substr(k_subject_prefix.size());
  auto client = find_client_cached(client_id, now);
  if (!client) return tl::unexpected(std::move(client.error()));
  if (!*client || (*client)->revoked) return refused("The access token's client is unknown or revoked.");
  const OAuthClientRecord& record = **client;

  // What the token was granted, within what the client may have now.
  const std::set<std::string> allowed = allowed_scopes(record);
  std::set<std::string> scopes;
  for (auto& scope : split_scope(claims->scope)) {
    if (allowed.contains(scope)) scopes.insert(scope);
  }
  return Actor{record.name, record.role,      record.team, std::string(k_subject_prefix) + record.client_id,
               {},          std::move(scopes)};
}

bool looks_like_jwt(std::string_view bearer) {
  if (std::count(bearer.begin(), bearer.end(), '.') != 2) return false;
  return std::all_of(bearer.begin(), bearer.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

}  // namespace snag
