#pragma once
// Web sign-in: users with argon2id password hashes, sessions carried by an HttpOnly cookie,
// a CSRF token per session for cookie-authenticated writes, and login throttling per account
// and per address.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <snag/app/identity/identity_policy.hpp>
#include <snag/app/identity/recent_events.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/password.hpp>

namespace snag {

inline constexpr std::string_view k_session_cookie = "snag_session";
inline constexpr std::string_view k_csrf_header = "X-CSRF-Token";

struct NewUser {
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<std::string> team;
  std::string password;
  std::optional<std::string> email;
};

// What an administrator may change of a user (PATCH /api/v1/users/{id}); a member left out
// stays as it is.
struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<std::optional<std::string>> team;  // engaged and empty: no team
  std::optional<bool> disabled;
  std::optional<std::string> password;
  std::optional<std::optional<std::string>> email;  // engaged and empty: no email
};

struct SignedIn {
  std::string session_token;  // the cookie's value; only its hash is stored
  std::string csrf_token;
  Timestamp expires_at;
  Actor actor;
};

// A session's actor and the CSRF token that its cookie-authenticated writes must echo.
struct SessionActor {
  Actor actor;
  std::string csrf_token;
};

// Thread-safe.
//
// Login throttling is kept in memory and is per node: each `snag serve` counts the failures it
// saw itself, so behind a balancer over N nodes an attacker gets up to N times the configured
// attempts per window, and a restart forgets the counts. Sessions, like API keys, are
// remembered for a few seconds after a look-up, so a logout or a disabled user takes up to
// that long to take effect on the other nodes (at once on the node that logged out).
class SessionService {
 public:
  // `cost` is the argon2id cost of new password hashes (tests pass password::minimum_cost()).
  SessionService(Store& store, const Catalog& catalog, const Clock& clock, LoginSettings settings = {},
                 password::Cost cost = password::interactive_cost());

  // The ticket list query the web app opens on for `role`; nullopt: every ticket.
  std::optional<std::string> default_view(std::string_view role) const;

  // Changes to users are access-logged as edits of "user:<username>" by `by`, in the same write.
  Result<UserRecord> create_user(const Actor& by, const NewUser& request);
  // Every user, in id order.
  Result<std::vector<UserRecord>> list_users();
  // not_found for an unknown user; validation_failed naming each bad field. A new password or
  // disabling ends every session of the user at once (on the other nodes within the session
  // cache's few seconds).
  Result<UserRecord> update_user(const Actor& by, UserId id, const UserChanges& changes);
  // unauthenticated for a wrong username or password (the same answer for both);
  // rate_limited (with retry_after) when the account or the address failed too often lately.
  Result<SignedIn> login(std::string_view username, std::string_view password, std::string_view address);
  // unauthenticated for an unknown or expired session or a disabled user.
  Result<SessionActor> authenticate(std::string_view session_token);
  Result<void> logout(std::string_view session_token);

 private:
  struct CachedSession {
    SessionActor session;
    Timestamp expires_at;
    Timestamp cached_at;
  };
  Result<void> check_new_user(const NewUser& request) const;
  // Appends an error for each field of a user's profile that is not acceptable.
  void check_profile(const std::string& display_name, const std::string& role, const std::optional<std::string>& team,
                     std::vector<FieldError>& errors) const;
  // Counts this attempt as a failure of the account and the address up front (so that
  // concurrent attempts cannot all slip under the limit), or refuses it when either is over
  // its limit. REQUIRES: m_mutex not held.
  Result<void> admit_attempt(const std::string& account, std::string_view address, Timestamp now);
  // Takes back the failure admit_attempt counted, for an attempt that turned out not to guess
  // wrong; a success also clears the account's earlier failures.
  void forgive_attempt(const std::string& account, std::string_view address, Timestamp at, bool clear_account);
  const std::string& dummy_hash();

  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  LoginSettings m_settings;
  password::Cost m_cost;
  std::once_flag m_dummy_made;
  std::string m_dummy_hash;  // verified against when the user does not exist, to take as long
  std::mutex m_mutex;        // guards the members below
  RecentEvents m_account_failures;  // within the failure window
  RecentEvents m_address_failures;
  std::unordered_map<std::string, CachedSession> m_cache;  // token hash -> session
};

}  // namespace snag
