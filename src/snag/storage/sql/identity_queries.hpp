#pragma once
// The statements of the credential tables (api_keys beyond insert and lookup by secret, users,
// sessions, oauth_clients, server_secrets, server_state), written once for both backends. The reads run on
// any connection; the writes only on the writer's, inside a work (SqlWriteTransaction).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// identity_queries.cpp).
template <class Connection>
struct IdentityQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  static Result<std::optional<ApiKeyRecord>> api_key_by_id(Connection& connection, ApiKeyId id);
  // Every API key, in id order.
  static Result<std::vector<ApiKeyRecord>> api_keys(Connection& connection);
  static Result<std::optional<UserRecord>> user_by_name(Connection& connection, std::string_view username);
  static Result<std::optional<UserRecord>> user(Connection& connection, UserId id);
  // Every user, in id order.
  static Result<std::vector<UserRecord>> users(Connection& connection);
  static Result<std::vector<TeamMemberLoad>> team_workload(Connection& connection, std::string_view team);
  static Result<std::optional<SessionRecord>> session(Connection& connection, std::string_view token_hash);
  static Result<std::optional<OAuthClientRecord>> oauth_client(Connection& connection, std::string_view client_id);
  // Every OAuth client, in id order.
  static Result<std::vector<OAuthClientRecord>> oauth_clients(Connection& connection);

  // The writes, as WriteTransaction (app/ports/store.hpp) describes them.
  static Result<void> update_api_key(Connection& connection, const ApiKeyRecord& key);
  static Result<UserId> insert_user(Connection& connection, const UserRecord& user);
  static Result<void> update_user(Connection& connection, const UserRecord& user);
  static Result<void> insert_session(Connection& connection, const SessionRecord& session);
  static Result<void> delete_session(Connection& connection, std::string_view token_hash);
  static Result<std::int64_t> delete_user_sessions(Connection& connection, UserId user);
  static Result<std::int64_t> delete_expired_sessions(Connection& connection, Timestamp now);
  static Result<OAuthClientId> insert_oauth_client(Connection& connection, const OAuthClientRecord& client);
  static Result<void> revoke_oauth_client(Connection& connection, std::string_view client_id);
  static Result<std::string> server_secret(Connection& connection, std::string_view name,
                                           std::string_view value_if_absent, Timestamp now);
  static Result<std::optional<std::string>> server_state(Connection& connection, std::string_view name);
  static Result<void> put_server_state(Connection& connection, std::string_view name, std::string_view value,
                                       Timestamp now);
};

}  // namespace snag::sql
