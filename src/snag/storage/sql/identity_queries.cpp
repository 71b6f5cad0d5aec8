#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/identity_queries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {

constexpr std::string_view k_user_columns =
    "id, username, display_name, role, team, password_hash, created_at, disabled, email";
constexpr std::string_view k_session_columns = "token_hash, user_id, csrf_token, created_at, expires_at, address";
constexpr std::string_view k_oauth_client_columns =
    "id, client_id, name, role, team, scopes, secret_hash, created_at, revoked";

template <class Statement>
UserRecord read_user(const Statement& statement) {
  UserRecord user;
  user.id = UserId{statement.int64(0)};
  user.username = statement.text(1);
  user.display_name = statement.text(2);
  user.role = statement.text(3);
  user.team = statement.optional_text(4);
  user.password_hash = statement.text(5);
  user.created_at = from_epoch_ms(statement.int64(6));
  user.disabled = statement.int64(7) != 0;
  user.email = statement.optional_text(8);
  return user;
}

template <class Statement>
SessionRecord read_session(const Statement& statement) {
  SessionRecord session;
  session.token_hash = statement.text(0);
  session.user = UserId{statement.int64(1)};
  session.csrf_token = statement.text(2);
  session.created_at = from_epoch_ms(statement.int64(3));
  session.expires_at = from_epoch_ms(statement.int64(4));
  session.address = statement.text(5);
  return session;
}

template <class Statement>
Result<OAuthClientRecord> read_oauth_client(const Statement& statement) {
  OAuthClientRecord client;
  client.id = OAuthClientId{statement.int64(0)};
  client.client_id = statement.text(1);
  client.name = statement.text(2);
  client.role = statement.text(3);
  client.team = statement.optional_text(4);
  auto scopes = parse_scopes(statement.optional_text(5));
  if (!scopes) return tl::unexpected(scopes.error());
  client.scopes = std::move(*scopes);
  client.secret_hash = statement.text(6);
  client.created_at = from_epoch_ms(statement.int64(7));
  client.revoked = statement.int64(8) != 0;
  return client;
}

}  // namespace

template <class Connection>
Result<std::optional<ApiKeyRecord>> IdentityQueries<Connection>::api_key_by_id(Connection& connection, ApiKeyId id) {
  static const std::string sql = select_from(k_api_key_columns, " FROM api_keys WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<ApiKeyRecord>(statement, [](const Statement& s) { return Rows<Statement>::read_api_key(s); });
}

template <class Connection>
Result<std::vector<ApiKeyRecord>> IdentityQueries<Connection>::api_keys(Connection& connection) {
  static const std::string sql = select_from(k_api_key_columns, " FROM api_keys ORDER BY id");
  auto statement = connection.prepare(sql);
  std::vector<ApiKeyRecord> keys;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return keys;
    auto key = Rows<Statement>::read_api_key(statement);
    if (!key) return tl::unexpected(key.error());
    keys.push_back(std::move(*key));
  }
}

template <class Connection>
Result<std::optional<UserRecord>> IdentityQueries<Connection>::user_by_name(Connection& connection,
                                                                            std::string_view username) {
  static const std::string sql = select_from(k_user_columns, " FROM users WHERE username = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, username);
  return optional_row<UserRecord>(statement, [](const Statement& s) { return read_user(s); });
}

template <class Connection>
Result<std::optional<UserRecord>> IdentityQueries<Connection>::user(Connection& connection, UserId id) {
  static const std::string sql = select_from(k_user_columns, " FROM users WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<UserRecord>(statement, [](const Statement& s) { return read_user(s); });
}

template <class Connection>
Result<std::vector<UserRecord>> IdentityQueries<Connection>::users(Connection& connection) {
  static const std::string sql = select_from(k_user_columns, " FROM users ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<UserRecord>(statement, [](const Statement& s) { return read_user(s); });
}

template <class Connection>
Result<std::vector<OAuthClientRecord>> IdentityQueries<Connection>::oauth_clients(Connection& connection) {
  static const std::string sql = select_from(k_oauth_client_columns, " FROM oauth_clients ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<OAuthClientRecord>(statement, [](const Statement& s) { return read_oauth_client(s); });
}

template <class Connection>
Result<std::optional<SessionRecord>> IdentityQueries<Connection>::session(Connection& connection,
                                                                          std::string_view token_hash) {
  static const std::string sql = select_from(k_session_columns, " FROM sessions WHERE token_hash = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, token_hash);
  return optional_row<SessionRecord>(statement, [](const Statement& s) { return read_session(s); });
}

template <class Connection>
Result<std::optional<OAuthClientRecord>> IdentityQueries<Connection>::oauth_client(Connection& connection,
                                                                                   std::string_view client_id) {
  static const std::string sql = select_from(k_oauth_client_columns, " FROM oauth_clients WHERE client_id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, client_id);
  return optional_row<OAuthClientRecord>(statement, [](const Statement& s) { return read_oauth_client(s); });
}

template <class Connection>
Result<void> IdentityQueries<Connection>::update_api_key(Connection& connection, const ApiKeyRecord& key) {
  auto statement = connection.prepare(
      "UPDATE api_keys SET expires_at = ?, revoked = ?, replaced_by = ?, last_used_at = ? WHERE id = ? RETURNING id");
  statement.bind(1, optional_ms(key.expires_at)).bind(2, key.revoked).bind(3, optional_id(key.replaced_by));
  statement.bind(4, optional_ms(key.last_used_at)).bind(5, key.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "API key " + std::to_string(key.id.value) + " does not exist");
  return {};
}

template <class Connection>
Result<UserId> IdentityQueries<Connection>::insert_user(Connection& connection, const UserRecord& user) {
  // ON CONFLICT rather than catching the violation: on PostgreSQL a failed statement would
  // abort the whole transaction, and the work may want to go on (say, to report the clash).
  auto statement = connection.prepare(
      "INSERT INTO users (username, display_name, role, team, password_hash, created_at, disabled, email) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id");
  statement.bind(1, user.username).bind(2, user.display_name).bind(3, user.role).bind(4, user.team);
  statement.bind(5, user.password_hash).bind(6, to_epoch_ms(user.created_at)).bind(7, user.disabled);
  statement.bind(8, user.email);
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::conflict, "user '" + user.username + "' exists");
  return UserId{**id};
}

template <class Connection>
Result<void> IdentityQueries<Connection>::update_user(Connection& connection, const UserRecord& user) {
  auto statement = connection.prepare(
      "UPDATE users SET display_name = ?, role = ?, team = ?, password_hash = ?, disabled = ?, email = ? "
      "WHERE id = ? RETURNING id");
  statement.bind(1, user.display_name).bind(2, user.role).bind(3, user.team).bind(4, user.password_hash);
  statement.bind(5, user.disabled).bind(6, user.email).bind(7, user.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "user " + std::to_string(user.id.value) + " does not exist");
  return {};
}

template <class Connection>
Result<void> IdentityQueries<Connection>::insert_session(Connection& connection, const SessionRecord& session) {
  auto statement = connection.prepare(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, address) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING RETURNING user_id");
  statement.bind(1, session.token_hash).bind(2, session.user.value).bind(3, session.csrf_token);
  statement.bind(4, to_epoch_ms(session.created_at)).bind(5, to_epoch_ms(session.expires_at));
  statement.bind(6, session.address);
  auto inserted = returned_value(statement);
  if (!inserted) {
    // The only constraint left to break is the foreign key: no such user.
    if (inserted.error().code == ErrorCode::conflict) {
      return fail(ErrorCode::not_found, "user " + std::to_string(session.user.value) + " does not exist");
    }
    return tl::unexpected(inserted.error());
  }
  if (!*inserted) return fail(ErrorCode::conflict, "a session with that token exists");
  return {};
}

template <class Connection>
Result<void> IdentityQueries<Connection>::delete_session(Connection& connection, std::string_view token_hash) {
  auto statement = connection.prepare("DELETE FROM sessions WHERE token_hash = ?");
  statement.bind(1, token_hash);
  return statement.run();
}

template <class Connection>
Result<std::int64_t> IdentityQueries<Connection>::delete_expired_sessions(Connection& connection, Timestamp now) {
  // RETURNING counts the rows the same way on both backends. A session is expired from its
  // expires_at on (the sign-in check refuses it when now >= expires_at).
  auto statement = connection.prepare("DELETE FROM sessions WHERE expires_at <= ? RETURNING 1");
  statement.bind(1, to_epoch_ms(now));
  return counted_rows(statement);
}

template <class Connection>
Result<std::int64_t> IdentityQueries<Connection>::delete_user_sessions(Connection& connection, UserId user) {
  auto statement = connection.prepare("DELETE FROM sessions WHERE user_id = ? RETURNING 1");
  statement.bind(1, user.value);
  return counted_rows(statement);
}

template <class Connection>
Result<OAuthClientId> IdentityQueries<Connection>::insert_oauth_client(Connection& connection,
                                                                       const OAuthClientRecord& client) {
  auto statement = connection.prepare(
      "INSERT INTO oauth_clients (client_id, name, role, team, scopes, secret_hash, created_at, revoked) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO NOTHING RETURNING id");
  statement.bind(1, client.client_id).bind(2, client.name).bind(3, client.role).bind(4, client.team);
  statement.bind(5, scopes_json(client.scopes)).bind(6, client.secret_hash).bind(7, to_epoch_ms(client.created_at));
  statement.bind(8, client.revoked);
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::conflict, "OAuth client '" + client.client_id + "' exists");
  return OAuthClientId{**id};
}

template <class Connection>
Result<void> IdentityQueries<Connection>::revoke_oauth_client(Connection& connection, std::string_view client_id) {
  auto statement = connection.prepare("UPDATE oauth_clients SET revoked = 1 WHERE client_id = ? RETURNING id");
  statement.bind(1, client_id);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "there is no OAuth client '" + std::string(client_id) + "'");
  return {};
}

template <class Connection>
Result<std::string> IdentityQueries<Connection>::server_secret(Connection& connection, std::string_view name,
                                                               std::string_view value_if_absent, Timestamp now) {
  // Another node's first value may have been committed since this one looked: the insert then
  // does nothing and the select reads that value.
  auto insert = connection.prepare(
      "INSERT INTO server_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING");
  insert.bind(1, name).bind(2, value_if_absent).bind(3, to_epoch_ms(now));
  if (auto done = insert.run(); !done) return tl::unexpected(done.error());
  auto select = connection.prepare("SELECT value FROM server_secrets WHERE name = ?");
  select.bind(1, name);
  auto row = select.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return fail(ErrorCode::internal, "database error: a server secret vanished after it was stored");
  std::string value = select.text(0);
  if (auto end = select.step(); !end) return tl::unexpected(end.error());
  return value;
}

template <class Connection>
Result<std::optional<std::string>> IdentityQueries<Connection>::server_state(Connection& connection,
                                                                             std::string_view name) {
  auto statement = connection.prepare("SELECT value FROM server_state WHERE name = ?");
  statement.bind(1, name);
  return optional_row<std::string>(statement, [](const Statement& row) -> Result<std::string> { return row.text(0); });
}

template <class Connection>
Result<void> IdentityQueries<Connection>::put_server_state(Connection& connection, std::string_view name,
                                                           std::string_view value, Timestamp now) {
  auto statement = connection.prepare(
      "INSERT INTO server_state (name, value, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
  statement.bind(1, name).bind(2, value).bind(3, to_epoch_ms(now));
  return statement.run();
}

// Both counts read tickets_assignee (assignee, id); open tickets are those without resolved_at.
template <class Connection>
Result<std::vector<TeamMemberLoad>> IdentityQueries<Connection>::team_workload(Connection& connection,
                                                                               std::string_view team) {
  auto statement = connection.prepare(
      "SELECT u.username, u.role, "
      "(SELECT COUNT(*) FROM tickets t WHERE t.assignee = u.username AND t.resolved_at IS NULL), "
      "(SELECT MAX(t.id) FROM tickets t WHERE t.assignee = u.username) "
      "FROM users u WHERE u.team = ? AND u.disabled = 0 ORDER BY u.username");
  statement.bind(1, team);
  return all_rows<TeamMemberLoad>(statement, [](const Statement& row) -> Result<TeamMemberLoad> {
    TeamMemberLoad member;
    member.username = row.text(0);
    member.role = row.text(1);
    member.open_tickets = row.int64(2);
    if (const auto last = row.optional_int64(3)) member.last_assigned = TicketId{*last};
    return member;
  });
}

template struct IdentityQueries<sqlite::Connection>;
template struct IdentityQueries<postgresql::Connection>;

}  // namespace snag::sql
