#include "test_actor.hpp"
#include "default_catalog.hpp"
#include "fake_store.hpp"
#include <gtest/gtest.h>

#include <snag/app/identity/session_service.hpp>
#include <snag/util/crypto.hpp>

namespace snag {
namespace session_service_test {

using testing::default_catalog;
using testing::FakeStore;
using testing::ManualClock;

const Timestamp k_now = *parse_rfc3339("2026-11-28T12:00:00Z");
constexpr std::string_view k_password = "correct horse battery";

NewUser alice() {
  return NewUser{"alice", "Alice Martin", "recruiter", "recruitment", std::string(k_password), "alice@example.com"};
}

class SessionServiceTest : public ::testing::Test {
 protected:
  SessionServiceTest()
      : clock(k_now), sessions(store, default_catalog(), clock, settings(), password::minimum_cost()) {}

  static LoginSettings settings() {
    LoginSettings login;
    login.max_failures_per_account = 5;
    login.max_failures_per_address = 8;
    login.failure_window = std::chrono::minutes(15);
    login.session_lifetime = std::chrono::hours(12);
    return login;
  }

  UserRecord create(NewUser user = alice()) {
    auto created = sessions.create_user(testing::test_admin(), user);
    if (!created) throw std::runtime_error(created.error().message);
    return *created;
  }

  void disable(const std::string& username) {
    auto user = store.find_user_by_name(username);
    ASSERT_TRUE(user && *user);
    UserRecord disabled = **user;
    disabled.disabled = true;
    ASSERT_TRUE(store.write([&](WriteTransaction& tx) { return tx.update_user(disabled); }));
  }

  std::vector<std::string> failed_fields(const NewUser& user) {
    auto created = sessions.create_user(testing::test_admin(), user);
    EXPECT_FALSE(created);
    if (created) return {};
    EXPECT_EQ(created.error().code, ErrorCode::validation_failed);
    std::vector<std::string> fields;
    for (const auto& field : created.error().fields) fields.push_back(field.field);
    return fields;
  }

  FakeStore store;
  ManualClock clock;
  SessionService sessions;
};

TEST_F(SessionServiceTest, CreatesAUserWithAnArgon2idHashAndNeverThePassword) {
  const auto user = create();
  EXPECT_EQ(user.id.value, 1);
  EXPECT_EQ(user.username, "alice");
  EXPECT_EQ(user.display_name, "Alice Martin");
  EXPECT_EQ(user.role, "recruiter");
  EXPECT_EQ(user.team, "recruitment");
  EXPECT_EQ(user.created_at, k_now);
  EXPECT_FALSE(user.disabled);
  EXPECT_TRUE(user.password_hash.starts_with("$argon2id$")) << user.password_hash;
  EXPECT_EQ(user.password_hash.find(k_password), std::string::npos);
  ASSERT_EQ(store.state().users.size(), 1u);
  EXPECT_TRUE(password::verify(store.state().users[0].password_hash, k_password));
}

TEST_F(SessionServiceTest, ValidatesEachFieldOfANewUser) {
  EXPECT_EQ(failed_fields(NewUser{"", "", "emperor", "moon", "short", "alice"}),
            (std::vector<std::string>{"username", "display_name", "role", "team", "email", "password"}));
  for (const auto* bad : {"alice", "@example.com", "alice@", "a@b@c", "alice smith@example.com", "<a@b.c>"}) {
    auto user = alice();
    user.email = bad;
    EXPECT_EQ(failed_fields(user), std::vector<std::string>{"email"}) << bad;
  }
  for (const auto* bad : {"Alice", "al ice", "alice@example.com", "ålice"}) {
    auto user = alice();
    user.username = bad;
    EXPECT_EQ(failed_fields(user), std::vector<std::string>{"username"}) << bad;
  }
  auto user = alice();
  user.username = std::string(101, 'a');
  EXPECT_EQ(failed_fields(user), std::vector<std::string>{"username"});
  user.username = std::string(100, 'a');
  EXPECT_TRUE(sessions.create_user(testing::test_admin(), user));

  user = alice();
  user.display_name = "Alice\nMartin";
  EXPECT_EQ(failed_fields(user), std::vector<std::string>{"display_name"});
  user = alice();
  user.password = "elevenchars";
  EXPECT_EQ(failed_fields(user), std::vector<std::string>{"password"});
  user = alice();
  user.team.reset();
  user.username = "a.b_c-9";
  user.password = "twelve chars";
  EXPECT_TRUE(sessions.create_user(testing::test_admin(), user));
}

TEST_F(SessionServiceTest, ATakenUsernameIsAConflict) {
  create();
  auto again = sessions.create_user(testing::test_admin(), alice());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_NE(again.error().message.find("alice"), std::string::npos);
}

TEST_F(SessionServiceTest, LoginCreatesASessionThatAuthenticatesAsTheUser) {
  const auto user = create();
  auto signed_in = sessions.login("alice", k_password, "192.0.2.7");
  ASSERT_TRUE(signed_in) << signed_in.error().message;
  EXPECT_EQ(signed_in->actor.name, "alice");
  EXPECT_EQ(signed_in->actor.role, "recruiter");
  EXPECT_EQ(signed_in->actor.team, "recruitment");
  EXPECT_EQ(signed_in->actor.credential, "session:" + std::to_string(user.id.value));
  EXPECT_EQ(signed_in->actor.address, "192.0.2.7");
  EXPECT_FALSE(signed_in->actor.scopes);
  EXPECT_EQ(signed_in->expires_at, k_now + std::chrono::hours(12));
  EXPECT_GE(signed_in->session_token.size(), 43u);  // 32 random bytes
  EXPECT_GE(signed_in->csrf_token.size(), 43u);
  EXPECT_NE(signed_in->session_token, signed_in->csrf_token);

  // Only the token's hash is stored.
  const auto state = store.state();
  ASSERT_EQ(state.sessions.size(), 1u);
  const auto& session = state.sessions.begin()->second;
  EXPECT_EQ(session.token_hash, sha256_hex(signed_in->session_token));
  EXPECT_EQ(session.user, user.id);
  EXPECT_EQ(session.csrf_token, signed_in->csrf_token);
  EXPECT_EQ(session.address, "192.0.2.7");
  EXPECT_EQ(session.expires_at, k_now + std::chrono::hours(12));

  auto authenticated = sessions.authenticate(signed_in->session_token);
  ASSERT_TRUE(authenticated) << authenticated.error().message;
  EXPECT_EQ(authenticated->actor.name, "alice");
  EXPECT_EQ(authenticated->actor.role, "recruiter");
  EXPECT_EQ(authenticated->actor.team, "recruitment");
  EXPECT_EQ(authenticated->actor.credential, signed_in->actor.credential);
  EXPECT_EQ(authenticated->csrf_token, signed_in->csrf_token);

  // Two sign-ins are two sessions.
  auto second = sessions.login("alice", k_password, "192.0.2.7");
  ASSERT_TRUE(second);
  EXPECT_NE(second->session_token, signed_in->session_token);
  EXPECT_EQ(store.state().sessions.size(), 2u);
}

TEST_F(SessionServiceTest, UsernamesAreNotCaseSensitiveAtLogin) {
  create();
  auto signed_in = sessions.login("Alice", k_password, "");
  ASSERT_TRUE(signed_in) << signed_in.error().message;
  EXPECT_EQ(signed_in->actor.name, "alice");
}

TEST_F(SessionServiceTest, AWrongPasswordAndAnUnknownUserGetTheSameAnswer) {
  create();
  auto wrong_password = sessions.login("alice", "not the password", "192.0.2.7");
  auto unknown_user = sessions.login("bob", k_password, "192.0.2.7");
  auto malformed_user = sessions.login("not a username!", k_password, "192.0.2.7");
  for (const auto* answer : {&wrong_password, &unknown_user, &malformed_user}) {
    ASSERT_FALSE(*answer);
    EXPECT_EQ(answer->error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(answer->error().message, "The username or password is wrong");
  }
  EXPECT_TRUE(store.state().sessions.empty());
}

TEST_F(SessionServiceTest, AnAccountIsThrottledAfterFiveFailuresUntilTheWindowPasses) {
  create();
  for (int i = 0; i < 5; ++i) {
    auto failed = sessions.login("alice", "guess " + std::to_string(i), "192.0.2." + std::to_string(i));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::unauthenticated) << i;
    clock.advance(std::chrono::minutes(1));
  }
  // Even the right password is refused now, before it is checked, from any address.
  auto throttled = sessions.login("alice", k_password, "198.51.100.1");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::rate_limited);
  // The first failure (at 0 min) leaves the 15-minute window at 15 min; it is now 5 min.
  EXPECT_EQ(throttled.error().retry_after_seconds, 10 * 60);

  // Other accounts are unaffected.
  create(NewUser{"bob", "Bob Stone", "sourcer", "recruitment", std::string(k_password), std::nullopt});
  EXPECT_TRUE(sessions.login("bob", k_password, "198.51.100.1"));

  clock.advance(std::chrono::minutes(10));  // the first failure has left the window: four remain
  auto signed_in = sessions.login("alice", k_password, "198.51.100.1");
  ASSERT_TRUE(signed_in) << signed_in.error().message;

  // A success clears the account's failures: five more guesses are allowed.
  for (int i = 0; i < 5; ++i) {
    auto failed = sessions.login("alice", "guess", "203.0.113.9");
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::unauthenticated) << i;
  }
  auto again = sessions.login("alice", "guess", "203.0.113.9");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(again.error().retry_after_seconds, 15 * 60);
}

TEST_F(SessionServiceTest, UnknownAccountsAreThrottledToo) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sessions.login("ghost", "guess", "").error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(sessions.login("ghost", "guess", "").error().code, ErrorCode::rate_limited);
}

TEST_F(SessionServiceTest, AnAddressIsThrottledAcrossAccounts) {
  create();
  // Eight failures (the address limit) spread over eight accounts, none of them over its own limit.
  for (int i = 0; i < 8; ++i) {
    auto failed = sessions.login("user" + std::to_string(i), "guess", "192.0.2.66");
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::unauthenticated) << i;
  }
  clock.advance(std::chrono::seconds(30));
  auto throttled = sessions.login("alice", k_password, "192.0.2.66");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(throttled.error().retry_after_seconds, 15 * 60 - 30);
  // Another address is unaffected, and so is the account.
  EXPECT_TRUE(sessions.login("alice", k_password, "192.0.2.67"));

  clock.advance(std::chrono::minutes(15));
  EXPECT_TRUE(sessions.login("alice", k_password, "192.0.2.66"));
}

TEST_F(SessionServiceTest, ADisabledUserCannotLoginNorUseASession) {
  create();
  auto signed_in = sessions.login("alice", k_password, "");
  ASSERT_TRUE(signed_in);
  disable("alice");
  auto refused = sessions.login("alice", k_password, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  // A wrong password still gets the same answer as for anyone.
  EXPECT_EQ(sessions.login("alice", "guess", "").error().message, "The username or password is wrong");

  clock.advance(std::chrono::seconds(6));  // past the look-up cache
  auto authenticated = sessions.authenticate(signed_in->session_token);
  ASSERT_FALSE(authenticated);
  EXPECT_EQ(authenticated.error().code, ErrorCode::unauthenticated);
}

TEST_F(SessionServiceTest, ASessionExpiresAfterItsLifetime) {
  create();
  auto signed_in = sessions.login("alice", k_password, "");
  ASSERT_TRUE(signed_in);
  EXPECT_TRUE(sessions.authenticate(signed_in->session_token));
  clock.advance(std::chrono::hours(12) - std::chrono::seconds(1));
  EXPECT_TRUE(sessions.authenticate(signed_in->session_token));  // cached from here
  clock.advance(std::chrono::seconds(1));
  // The cached look-up is still fresh, but the session is over.
  auto expired = sessions.authenticate(signed_in->session_token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::unauthenticated);
  // And when the session is read from the store.
  auto fresh = sessions.login("alice", k_password, "");
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(sessions.authenticate(fresh->session_token));
  clock.advance(std::chrono::hours(12));
  EXPECT_FALSE(sessions.authenticate(fresh->session_token));
}

TEST_F(SessionServiceTest, UnknownTokensAreRefused) {
  for (const auto& token : {std::string(), std::string("nope"), std::string(600, 'x')}) {
    auto refused = sessions.authenticate(token);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  }
}

TEST_F(SessionServiceTest, LogoutEndsTheSessionAtOnceAndIsIdempotent) {
  create();
  auto signed_in = sessions.login("alice", k_password, "");
  ASSERT_TRUE(signed_in);
  auto other = sessions.login("alice", k_password, "");
  ASSERT_TRUE(other);
  ASSERT_TRUE(sessions.authenticate(signed_in->session_token));  // cached
  ASSERT_TRUE(sessions.logout(signed_in->session_token));
  EXPECT_FALSE(sessions.authenticate(signed_in->session_token));
  EXPECT_EQ(store.state().sessions.size(), 1u);
  EXPECT_TRUE(sessions.authenticate(other->session_token));
  EXPECT_TRUE(sessions.logout(signed_in->session_token));
  EXPECT_TRUE(sessions.logout("never issued"));
}

TEST_F(SessionServiceTest, AHashMadeAtAnotherCostIsReplacedAtLogin) {
  // A user created with the interactive cost, signing in to a service configured for the minimum.
  UserRecord user;
  user.username = "carol";
  user.display_name = "Carol";
  user.role = "recruiter";
  user.password_hash = password::hash(k_password, password::Cost{3, 16 * 1024 * 1024});
  user.created_at = k_now;
  ASSERT_TRUE(store.write([&](WriteTransaction& tx) { return tx.insert_user(user).map([](UserId) {}); }));
  ASSERT_TRUE(sessions.login("carol", k_password, ""));
  const auto stored = store.state().users.at(0).password_hash;
  EXPECT_FALSE(password::needs_rehash(stored, password::minimum_cost()));
  EXPECT_TRUE(password::verify(stored, k_password));
}

}  // namespace session_service_test
}  // namespace snag
