// OAuth clients and their access tokens: the client credentials grant, scope narrowing, and the
// tokens a forger could bring (alg none, another key, an edited scope), on a manual clock.

#include "test_actor.hpp"
#include "default_catalog.hpp"
#include "fake_store.hpp"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <snag/app/identity/token_service.hpp>
#include <snag/util/crypto.hpp>
#include <snag/util/jwt.hpp>

namespace snag {
namespace token_service_test {

using namespace std::chrono_literals;
using testing::default_catalog;
using testing::FakeStore;
using testing::ManualClock;

const Timestamp k_start = *parse_rfc3339("2026-11-28T12:00:00Z");
const std::set<std::string> k_recruiter_permissions{"candidates:read", "candidates:write", "incidents:read", "pii:read",
                                                    "reports:read",    "tickets:read",     "tickets:transition",
                                                    "tickets:write"};

std::int64_t seconds(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

struct Tokens {
  Tokens() : clock(k_start), service(store, default_catalog(), clock) {}

  static NewOAuthClient recruiter(std::optional<std::set<std::string>> scopes = std::nullopt) {
    return NewOAuthClient{"greenhouse-sync", "recruiter", "recruitment", std::move(scopes)};
  }

  IssuedOAuthClient create(const NewOAuthClient& request = recruiter()) {
    auto issued = service.create_client(testing::test_admin(), request);
    if (!issued) throw std::runtime_error(issued.error().message);
    return *issued;
  }

  AccessToken issue(const IssuedOAuthClient& client, std::optional<std::string> scope = std::nullopt) {
    auto token = service.issue(client.record.client_id, client.secret, scope);
    if (!token) throw std::runtime_error(token.error().error + ": " + token.error().description);
    return *token;
  }

  // The key the service signs with, as the store keeps it.
  std::string signing_key() const { return store.state().server_secrets.at("token_signing_key"); }

  FakeStore store;
  ManualClock clock;
  TokenService service;
};

// The parts of a compact JWS, and its payload decoded.
struct Parts {
  std::string header;
  std::string payload;
  std::string signature;
};

Parts split(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  return {token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1)};
}

nlohmann::json payload_of(const std::string& token) {
  return nlohmann::json::parse(*base64url_decode(split(token).payload));
}

TEST(TokenService, IssuesATokenThatAuthenticatesAsTheClient) {
  Tokens tokens;
  const auto client = tokens.create();
  EXPECT_TRUE(client.record.client_id.starts_with("snag_client_")) << client.record.client_id;
  EXPECT_EQ(client.record.secret_hash, sha256_hex(client.secret));
  EXPECT_EQ(base64url_decode(client.secret)->size(), 32U);
  const auto stored = tokens.store.state().oauth_clients.at(0);
  EXPECT_EQ(stored.client_id, client.record.client_id);
  EXPECT_EQ(stored.secret_hash, sha256_hex(client.secret));  // the secret itself is not kept

  const auto token = tokens.issue(client);
  EXPECT_TRUE(looks_like_jwt(token.token));
  EXPECT_EQ(token.expires_in, 900s);
  EXPECT_EQ(token.scope,
            "candidates:read candidates:write incidents:read pii:read reports:read tickets:read tickets:transition tickets:write");
  const auto claims = payload_of(token.token);
  EXPECT_EQ(claims["sub"], "client:" + client.record.client_id);
  EXPECT_EQ(claims["iat"], seconds(k_start));
  EXPECT_EQ(claims["exp"], seconds(k_start) + 900);
  EXPECT_EQ(claims["scope"], token.scope);
  EXPECT_FALSE(claims["jti"].get<std::string>().empty());
  EXPECT_NE(payload_of(tokens.issue(client).token)["jti"], claims["jti"]);

  const auto actor = tokens.service.authenticate(token.token);
  ASSERT_TRUE(actor) << actor.error().message;
  EXPECT_EQ(actor->name, "greenhouse-sync");
  EXPECT_EQ(actor->role, "recruiter");
  EXPECT_EQ(actor->team, "recruitment");
  EXPECT_EQ(actor->credential, "client:" + client.record.client_id);
  EXPECT_EQ(actor->address, "");
  EXPECT_EQ(actor->scopes, k_recruiter_permissions);
}

TEST(TokenService, NarrowsTheTokenToTheRequestedScope) {
  Tokens tokens;
  const auto client = tokens.create();
  const auto token = tokens.issue(client, "tickets:read  candidates:read");
  EXPECT_EQ(token.scope, "candidates:read tickets:read");
  EXPECT_EQ(payload_of(token.token)["scope"], "candidates:read tickets:read");
  const auto actor = tokens.service.authenticate(token.token);
  ASSERT_TRUE(actor) << actor.error().message;
  EXPECT_EQ(actor->scopes, (std::set<std::string>{"candidates:read", "tickets:read"}));
  // An empty scope asks for everything, as a missing one does.
  EXPECT_EQ(tokens.issue(client, "").scope, tokens.issue(client).scope);
}

TEST(TokenService, AClientWithScopesGetsAtMostThose) {
  Tokens tokens;
  const auto client = tokens.create(Tokens::recruiter(std::set<std::string>{"tickets:read", "tickets:write"}));
  EXPECT_EQ(tokens.issue(client).scope, "tickets:read tickets:write");
  EXPECT_EQ(tokens.issue(client, "tickets:write").scope, "tickets:write");

  // The role has tickets:transition, the client does not.
  const auto beyond = tokens.service.issue(client.record.client_id, client.secret, "tickets:read tickets:transition");
  ASSERT_FALSE(beyond);
  EXPECT_EQ(beyond.error().error, "invalid_scope");
  EXPECT_NE(beyond.error().description.find("tickets:transition"), std::string::npos);
  EXPECT_FALSE(beyond.error().client_authentication_failed);
}

TEST(TokenService, RefusesAScopeOutsideTheRoleOrUnknown) {
  Tokens tokens;
  const auto client = tokens.create();
  for (const std::string scope : {"keys:admin", "tickets:read tickets:delete", "TICKETS:READ"}) {
    const auto token = tokens.service.issue(client.record.client_id, client.secret, scope);
    ASSERT_FALSE(token) << scope;
    EXPECT_EQ(token.error().error, "invalid_scope") << scope;
  }
}

TEST(TokenService, AWrongSecretOrAnUnknownClientIsInvalidClient) {
  Tokens tokens;
  const auto client = tokens.create();
  const auto other = tokens.create();
  for (const auto& [id, secret] :
       std::vector<std::pair<std::string, std::string>>{{client.record.client_id, other.secret},
                                                        {client.record.client_id, client.secret + "x"},
                                                        {client.record.client_id, ""},
                                                        {"snag_client_unknown", client.secret},
                                                        {"", client.secret}}) {
    const auto token = tokens.service.issue(id, secret, std::nullopt);
    ASSERT_FALSE(token) << id << " " << secret;
    EXPECT_EQ(token.error().error, "invalid_client");
    EXPECT_TRUE(token.error().client_authentication_failed);
  }
}

TEST(TokenService, ARevokedClientGetsNoTokenAndItsTokensStop) {
  Tokens tokens;
  // The port has no revocation yet: store a revoked client directly.
  const std::string secret = random_token(32);
  OAuthClientRecord revoked;
  revoked.client_id = "snag_client_revoked";
  revoked.name = "old-sync";
  revoked.role = "recruiter";
  revoked.secret_hash = sha256_hex(secret);
  revoked.created_at = k_start;
  revoked.revoked = true;
  ASSERT_TRUE(tokens.store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_oauth_client(revoked);
    if (!id) return tl::unexpected(id.error());
    return {};
  }));
  const auto refused = tokens.service.issue(revoked.client_id, secret, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error, "invalid_client");

  // A token for it, validly signed (as one issued before the revocation would be), is refused.
  tokens.issue(tokens.create());  // makes the service store its signing key
  jwt::Claims claims;
  claims.subject = "client:" + revoked.client_id;
  claims.scope = "tickets:read";
  claims.issued_at = seconds(k_start);
  claims.expires_at = seconds(k_start) + 900;
  const auto actor = tokens.service.authenticate(jwt::sign_hs256(claims, tokens.signing_key()));
  ASSERT_FALSE(actor);
  EXPECT_EQ(actor.error().code, ErrorCode::unauthenticated);
}

TEST(TokenService, ATokenStopsWhenItExpires) {
  Tokens tokens;
  const auto token = tokens.issue(tokens.create());
  tokens.clock.advance(899s);
  EXPECT_TRUE(tokens.service.authenticate(token.token));
  tokens.clock.advance(1s);
  const auto actor = tokens.service.authenticate(token.token);
  ASSERT_FALSE(actor);
  EXPECT_EQ(actor.error().code, ErrorCode::unauthenticated);
  EXPECT_NE(actor.error().message.find("expired"), std::string::npos) << actor.error().message;
}

TEST(TokenService, TheLifetimeIsConfigurable) {
  FakeStore store;
  ManualClock clock(k_start);
  TokenService service(store, default_catalog(), clock, 60s);
  const auto client = service.create_client(testing::test_admin(), Tokens::recruiter());
  ASSERT_TRUE(client);
  const auto token = service.issue(client->record.client_id, client->secret, std::nullopt);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->expires_in, 60s);
  clock.advance(60s);
  EXPECT_FALSE(service.authenticate(token->token));
}

TEST(TokenService, RefusesAnUnsignedAlgNoneToken) {
  Tokens tokens;
  const auto client = tokens.create();
  const auto token = tokens.issue(client);
  const auto parts = split(token.token);
  const std::string none_header = base64url_encode(R"({"alg":"none","typ":"JWT"})");
  for (const auto& forged :
       {none_header + "." + parts.payload + ".", none_header + "." + parts.payload + "." + parts.signature}) {
    const auto actor = tokens.service.authenticate(forged);
    ASSERT_FALSE(actor) << forged;
    EXPECT_EQ(actor.error().code, ErrorCode::unauthenticated);
  }
}

TEST(TokenService, RefusesATokenSignedWithAnotherKey) {
  Tokens tokens;
  const auto client = tokens.create();
  tokens.issue(client);
  jwt::Claims claims;
  claims.subject = "client:" + client.record.client_id;
  claims.scope = "tickets:read";
  claims.issued_at = seconds(k_start);
  claims.expires_at = seconds(k_start) + 900;
  EXPECT_TRUE(tokens.service.authenticate(jwt::sign_hs256(claims, tokens.signing_key())));
  const auto actor = tokens.service.authenticate(jwt::sign_hs256(claims, random_token(32)));
  ASSERT_FALSE(actor);
  EXPECT_EQ(actor.error().code, ErrorCode::unauthenticated);
}

TEST(TokenService, RefusesATokenWhoseScopeWasEdited) {
  Tokens tokens;
  const auto client = tokens.create();
  const auto token = tokens.issue(client, "tickets:read");
  auto payload = payload_of(token.token);
  payload["scope"] = "tickets:read tickets:write tickets:transition";
  const auto parts = split(token.token);
  const auto tampered = parts.header + "." + base64url_encode(payload.dump()) + "." + parts.signature;
  const auto actor = tokens.service.authenticate(tampered);
  ASSERT_FALSE(actor);
  EXPECT_EQ(actor.error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(tokens.service.authenticate(token.token));
}

TEST(TokenService, RefusesAValidlySignedTokenThatNamesNoClient) {
  Tokens tokens;
  tokens.issue(tokens.create());
  jwt::Claims claims;
  claims.scope = "tickets:read";
  claims.expires_at = seconds(k_start) + 900;
  for (const std::string subject : {"", "client:", "user:dana", "client:snag_client_nobody"}) {
    claims.subject = subject;
    EXPECT_FALSE(tokens.service.authenticate(jwt::sign_hs256(claims, tokens.signing_key()))) << subject;
  }
  EXPECT_FALSE(tokens.service.authenticate("not-a-token"));
}

TEST(TokenService, EveryNodeSignsWithTheKeyTheStoreKeptFirst) {
  Tokens tokens;
  TokenService other_node(tokens.store, default_catalog(), tokens.clock);
  const auto client = tokens.create();
  const auto from_other = other_node.issue(client.record.client_id, client.secret, std::nullopt);
  ASSERT_TRUE(from_other);
  EXPECT_TRUE(tokens.service.authenticate(from_other->token));
  EXPECT_TRUE(other_node.authenticate(tokens.issue(client).token));
  EXPECT_EQ(tokens.store.state().server_secrets.size(), 1U);
  EXPECT_GE(tokens.signing_key().size(), 32U);
}

TEST(TokenService, CreateClientNamesEachInvalidField) {
  Tokens tokens;
  const auto refused = tokens.service.create_client(testing::test_admin(), 
      NewOAuthClient{"", "emperor", "nowhere", std::set<std::string>{"tickets:read", "tickets:fly"}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  std::vector<std::string> fields;
  for (const auto& field : refused.error().fields) fields.push_back(field.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "role", "team", "scopes"}));

  // A scope its role lacks could never be used; an empty list grants nothing.
  for (const auto& scopes : {std::set<std::string>{"keys:admin"}, std::set<std::string>{}}) {
    const auto bad = tokens.service.create_client(testing::test_admin(), Tokens::recruiter(scopes));
    ASSERT_FALSE(bad);
    ASSERT_EQ(bad.error().fields.size(), 1U);
    EXPECT_EQ(bad.error().fields[0].field, "scopes");
  }
  EXPECT_TRUE(tokens.store.state().oauth_clients.empty());
}

TEST(TokenService, TellsAJwtFromAnApiKey) {
  EXPECT_TRUE(looks_like_jwt("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_"));
  EXPECT_FALSE(looks_like_jwt("snag_Zm9vYmFy"));
  EXPECT_FALSE(looks_like_jwt("a.b"));
  EXPECT_FALSE(looks_like_jwt("a.b.c.d"));
  EXPECT_FALSE(looks_like_jwt("a.b+/.c"));
  EXPECT_FALSE(looks_like_jwt("a.b.c="));
}

// The widget's embed tokens: issued to allowed origins only, acting as the widget's role narrowed
// to filing tickets, named after the page's host, and dead once they expire or their origin is
// taken off the list.
TEST(TokenService, AnEmbedTokenFilesTicketsForItsOriginOnly) {
  FakeStore store;
  ManualClock clock(k_start);
  WidgetPolicy widget;
  widget.allowed_origins = {"https://ats.example.com"};
  widget.token_lifetime = 600s;
  TokenService service(store, default_catalog(), clock, k_default_token_lifetime, widget);

  auto token = service.issue_embed("HTTPS://ATS.example.com");
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token->expires_in, 600s);
  EXPECT_EQ(token->scope, "tickets:write");
  auto actor = service.authenticate(token->token);
  ASSERT_TRUE(actor) << actor.error().message;
  EXPECT_EQ(actor->name, "widget:ats.example.com");
  EXPECT_EQ(actor->role, "sourcer");
  EXPECT_EQ(actor->credential, "embed:https://ats.example.com");
  EXPECT_EQ(actor->scopes, (std::set<std::string>{"tickets:write"}));

  for (const auto* origin :
       {"https://evil.example.com", "http://ats.example.com", "https://ats.example.com:8443", "null", ""}) {
    const auto refused = service.issue_embed(origin);
    ASSERT_FALSE(refused) << origin;
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
  }

  clock.advance(601s);
  const auto expired = service.authenticate(token->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::unauthenticated);

  // An origin taken off the list: its tokens stop at once.
  TokenService narrower(store, default_catalog(), clock, k_default_token_lifetime, WidgetPolicy{});
  auto fresh = service.issue_embed("https://ats.example.com");
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(narrower.authenticate(fresh->token));
}

// The widget's calls per address: counted over a sliding minute, each address on its own, with
// the wait until the oldest counted call leaves the minute; 0 means no limit.
TEST(TokenService, WidgetCallsAreLimitedPerAddressOverASlidingMinute) {
  FakeStore store;
  ManualClock clock(k_start);
  WidgetPolicy widget;
  widget.requests_per_minute_per_address = 2;
  TokenService service(store, default_catalog(), clock, k_default_token_lifetime, widget);

  EXPECT_TRUE(service.admit_widget_call("10.0.0.1"));
  clock.advance(20s);
  EXPECT_TRUE(service.admit_widget_call("10.0.0.1"));
  const auto refused = service.admit_widget_call("10.0.0.1");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(refused.error().retry_after_seconds, 40);
  EXPECT_EQ(refused.error().message, "Too many reports from this network; try again in 40 seconds");
  EXPECT_TRUE(service.admit_widget_call("10.0.0.2")) << "another address has its own count";

  clock.advance(40s);  // the first call left the minute; the refused one was never counted
  EXPECT_TRUE(service.admit_widget_call("10.0.0.1"));
  EXPECT_FALSE(service.admit_widget_call("10.0.0.1"));

  widget.requests_per_minute_per_address = 0;
  TokenService unlimited(store, default_catalog(), clock, k_default_token_lifetime, widget);
  for (int call = 0; call < 100; ++call) ASSERT_TRUE(unlimited.admit_widget_call("10.0.0.1"));
}

}  // namespace token_service_test
}  // namespace snag
