#pragma once
// What the Store keeps about credentials and the access log (see app/identity/ and
// app/access/ for the use cases).

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <snag/domain/access/access_log.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct ApiKeyRecord {
  ApiKeyId id;
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::string secret_hash;  // SHA-256 hex of the secret; the secret itself is never stored
  Timestamp created_at;
  std::optional<Timestamp> expires_at;
  bool revoked = false;
  std::optional<std::set<std::string>> scopes;  // nullopt: every permission of the role
  std::optional<std::string> owner;             // the person or system responsible for it
  std::optional<Timestamp> last_used_at;        // updated at most once a minute
  std::optional<ApiKeyId> replaced_by;          // the successor issued by a rotation
};

struct UserRecord {
  UserId id;
  std::string username;  // the principal: what tickets name as reporter, assignee, watcher
  std::string display_name;
  std::string role;
  std::optional<std::string> team;
  std::string password_hash;  // argon2id, encoded as libsodium writes it
  Timestamp created_at;
  bool disabled = false;
  std::optional<std::string> email;  // where email notifications go; none: in-app only
};

struct SessionRecord {
  std::string token_hash;  // SHA-256 hex of the cookie's token
  UserId user;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
  std::string address;  // where the session signed in from
};

struct OAuthClientRecord {
  OAuthClientId id;
  std::string client_id;  // public
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<std::set<std::string>> scopes;  // the most a token may ask for; nullopt: the role's
  std::string secret_hash;                      // SHA-256 hex of the client secret
  Timestamp created_at;
  bool revoked = false;
};

// A page of the access log, newest first.
struct AccessLogQuery {
  std::optional<std::string> actor;
  std::optional<AccessAction> action;
  std::optional<TicketId> ticket;
  std::optional<CandidateRef> candidate;
  std::optional<Timestamp> since;  // entries at or after
  std::optional<std::int64_t> before_seq;  // the cursor: entries with a smaller seq
  int limit = 100;
};

struct AccessLogPage {
  std::vector<AccessEntry> items;
  std::optional<std::int64_t> next_before_seq;  // engaged when more entries follow
};

}  // namespace snag
