#include <algorithm>

#include <nlohmann/json.hpp>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/outbound_queries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sql/work_queues.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/crypto.hpp>

namespace snag::sql {

namespace {

constexpr std::string_view k_subscription_columns =
    "id, name, url, secret, vendor, events, field_allowlist, consecutive_failures, disabled_at, created_at";
constexpr std::string_view k_attestation_columns =
    "vendor, name, soc2_type2_expires_at, iso27001_expires_at, updated_at";
constexpr std::string_view k_outbox_columns =
    "id, subscription_id, event_type, message_id, payload, state, run_at, attempts, last_error, created_at, "
    "finished_at, lease_token";

// Where the outbox's journal position lives (outbound_queries.hpp).
constexpr std::string_view k_position_connector = k_reserved_connector_id;
constexpr std::string_view k_position_object = "journal";

std::string string_list_json(const std::vector<std::string>& items) { return nlohmann::json(items).dump(); }

Result<std::vector<std::string>> parse_string_list(const std::string& text, std::string_view what) {
  const nlohmann::json list = nlohmann::json::parse(text, nullptr, false);
  const auto corrupt = [&] {
    return fail(ErrorCode::internal, "database error: a subscription's " + std::string(what) + " are corrupt");
  };
  if (!list.is_array()) return corrupt();
  std::vector<std::string> items;
  for (const nlohmann::json& item : list) {
    if (!item.is_string()) return corrupt();
    items.push_back(item.get<std::string>());
  }
  return items;
}

template <class Statement>
Result<Subscription> read_subscription(const Statement& statement) {
  Subscription subscription;
  subscription.id = SubscriptionId{statement.int64(0)};
  subscription.name = statement.text(1);
  subscription.url = statement.text(2);
  subscription.secret = statement.text(3);
  subscription.vendor = statement.text(4);
  auto events = parse_string_list(statement.text(5), "events");
  if (!events) return tl::unexpected(events.error());
  subscription.events = std::move(*events);
  auto allowlist = parse_string_list(statement.text(6), "field allowlist entries");
  if (!allowlist) return tl::unexpected(allowlist.error());
  subscription.field_allowlist = std::move(*allowlist);
  subscription.consecutive_failures = static_cast<int>(statement.int64(7));
  subscription.disabled_at = optional_timestamp(statement.optional_int64(8));
  subscription.created_at = from_epoch_ms(statement.int64(9));
  return subscription;
}

template <class Statement>
Result<VendorAttestation> read_attestation(const Statement& statement) {
  VendorAttestation attestation;
  attestation.vendor = statement.text(0);
  attestation.name = statement.text(1);
  attestation.soc2_type2_expires_at = optional_timestamp(statement.optional_int64(2));
  attestation.iso27001_expires_at = optional_timestamp(statement.optional_int64(3));
  attestation.updated_at = from_epoch_ms(statement.int64(4));
  return attestation;
}

Result<OutboxState> parse_outbox_state(std::string_view text) {
  for (const auto state :
       {OutboxState::queued, OutboxState::leased, OutboxState::done, OutboxState::dead, OutboxState::blocked}) {
    if (text == to_string(state)) return state;
  }
  return fail(ErrorCode::internal, "database error: unknown outbox state");
}

template <class Statement>
Result<OutboxMessage> read_outbox_message(const Statement& statement) {
  OutboxMessage message;
  message.id = OutboxId{statement.int64(0)};
  message.subscription = SubscriptionId{statement.int64(1)};
  message.event_type = statement.text(2);
  message.message_id = statement.text(3);
  message.payload = statement.text(4);
  auto state = parse_outbox_state(statement.text(5));
  if (!state) return tl::unexpected(state.error());
  message.state = *state;
  message.run_at = from_epoch_ms(statement.int64(6));
  message.attempts = static_cast<int>(statement.int64(7));
  message.last_error = statement.optional_text(8);
  message.created_at = from_epoch_ms(statement.int64(9));
  message.finished_at = optional_timestamp(statement.optional_int64(10));
  message.lease_token = statement.optional_text(11).value_or("");
  return message;
}

// A write that must hit the message its lease names: conflict when the lease was lost.
template <class Statement>
Result<void> expect_leased(Statement& statement, const OutboxMessage& message) {
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) {
    return fail(ErrorCode::conflict, "the lease of outbox message " + std::to_string(message.id.value) + " was lost");
  }
  return {};
}

}  // namespace

template <class Connection>
Result<std::vector<Subscription>> OutboundQueries<Connection>::subscriptions(Connection& connection) {
  static const std::string sql = select_from(k_subscription_columns, " FROM subscriptions ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<Subscription>(statement, read_subscription<Statement>);
}

template <class Connection>
Result<std::optional<Subscription>> OutboundQueries<Connection>::subscription(Connection& connection,
                                                                              SubscriptionId id) {
  static const std::string sql = select_from(k_subscription_columns, " FROM subscriptions WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<Subscription>(statement, read_subscription<Statement>);
}

template <class Connection>
Result<std::vector<VendorAttestation>> OutboundQueries<Connection>::vendor_attestations(Connection& connection) {
  static const std::string sql = select_from(k_attestation_columns, " FROM vendor_attestations ORDER BY vendor");
  auto statement = connection.prepare(sql);
  return all_rows<VendorAttestation>(statement, read_attestation<Statement>);
}

template <class Connection>
Result<std::optional<VendorAttestation>> OutboundQueries<Connection>::vendor_attestation(Connection& connection,
                                                                                         std::string_view vendor) {
  static const std::string sql = select_from(k_attestation_columns, " FROM vendor_attestations WHERE vendor = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, vendor);
  return optional_row<VendorAttestation>(statement, read_attestation<Statement>);
}

template <class Connection>
Result<std::vector<OutboxStats>> OutboundQueries<Connection>::outbox_stats(Connection& connection) {
  auto statement = connection.prepare(
      "SELECT subscription_id, "
      "SUM(CASE WHEN state IN ('queued', 'leased') THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state = 'blocked' THEN 1 ELSE 0 END), "
      "MAX(CASE WHEN state = 'done' THEN finished_at END) "
      "FROM outbox GROUP BY subscription_id ORDER BY subscription_id");
  return all_rows<OutboxStats>(statement, [](const Statement& row) -> Result<OutboxStats> {
    OutboxStats stats;
    stats.subscription = SubscriptionId{row.int64(0)};
    stats.pending = row.int64(1);
    stats.done = row.int64(2);
    stats.dead = row.int64(3);
    stats.blocked = row.int64(4);
    stats.last_done_at = optional_timestamp(row.optional_int64(5));
    return stats;
  });
}

template <class Connection>
Result<std::vector<OutboxMessage>> OutboundQueries<Connection>::outbox_messages(Connection& connection,
                                                                                SubscriptionId subscription,
                                                                                std::size_t limit) {
  static const std::string sql =
      select_from(k_outbox_columns, " FROM outbox WHERE subscription_id = ? ORDER BY id LIMIT ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, subscription.value).bind(2, static_cast<std::int64_t>(limit));
  return all_rows<OutboxMessage>(statement, read_outbox_message<Statement>);
}

template <class Connection>
Result<SubscriptionId> OutboundQueries<Connection>::insert_subscription(Connection& connection,
                                                                        const Subscription& subscription) {
  auto statement = connection.prepare(
      "INSERT INTO subscriptions (name, url, secret, vendor, events, field_allowlist, consecutive_failures, "
      "disabled_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, subscription.name).bind(2, subscription.url).bind(3, subscription.secret);
  statement.bind(4, subscription.vendor).bind(5, string_list_json(subscription.events));
  statement.bind(6, string_list_json(subscription.field_allowlist));
  statement.bind(7, std::int64_t{subscription.consecutive_failures}).bind(8, optional_ms(subscription.disabled_at));
  statement.bind(9, to_epoch_ms(subscription.created_at));
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::internal, "database error: an insert returned no id");

  // The first subscription starts the outbox at the journal's head. Literals rather than
  // parameters in the select list, whose types PostgreSQL could not infer; `WHERE true` keeps
  // SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  static const std::string start_sql = "INSERT INTO ats_objects (connector, object, applied_at) SELECT '" +
                                       std::string(k_position_connector) + "', '" + std::string(k_position_object) +
                                       "', COALESCE(MAX(seq), 0) FROM journal WHERE true "
                                       "ON CONFLICT (connector, object) DO NOTHING";
  auto start = connection.prepare(start_sql);
  if (auto started = start.run(); !started) return tl::unexpected(started.error());
  return SubscriptionId{**id};
}

template <class Connection>
Result<bool> OutboundQueries<Connection>::delete_subscription(Connection& connection, SubscriptionId id) {
  auto messages = connection.prepare("DELETE FROM outbox WHERE subscription_id = ?");
  messages.bind(1, id.value);
  if (auto deleted = messages.run(); !deleted) return tl::unexpected(deleted.error());
  auto statement = connection.prepare("DELETE FROM subscriptions WHERE id = ? RETURNING id");
  statement.bind(1, id.value);
  auto deleted = returned_value(statement);
  if (!deleted) return tl::unexpected(deleted.error());
  return deleted->has_value();
}

template <class Connection>
Result<std::vector<Subscription>> OutboundQueries<Connection>::enabled_subscriptions(Connection& connection) {
  static const std::string sql =
      select_from(k_subscription_columns, " FROM subscriptions WHERE disabled_at IS NULL ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<Subscription>(statement, read_subscription<Statement>);
}

template <class Connection>
Result<std::optional<int>> OutboundQueries<Connection>::count_subscription_failure(Connection& connection,
                                                                                   SubscriptionId id) {
  auto statement = connection.prepare(
      "UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1 WHERE id = ? "
      "RETURNING consecutive_failures");
  statement.bind(1, id.value);
  auto count = returned_value(statement);
  if (!count) return tl::unexpected(count.error());
  if (!*count) return std::optional<int>{};
  return std::optional<int>{static_cast<int>(**count)};
}

template <class Connection>
Result<void> OutboundQueries<Connection>::reset_subscription_failures(Connection& connection, SubscriptionId id) {
  // Only when there is something to reset: a success is the common case, and an UPDATE that
  // changes nothing still costs a row write on PostgreSQL.
  auto statement = connection.prepare(
      "UPDATE subscriptions SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0");
  statement.bind(1, id.value);
  return statement.run();
}

template <class Connection>
Result<bool> OutboundQueries<Connection>::disable_subscription(Connection& connection, SubscriptionId id,
                                                               Timestamp at) {
  auto statement =
      connection.prepare("UPDATE subscriptions SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL RETURNING id");
  statement.bind(1, to_epoch_ms(at)).bind(2, id.value);
  auto disabled = returned_value(statement);
  if (!disabled) return tl::unexpected(disabled.error());
  return disabled->has_value();
}

template <class Connection>
Result<bool> OutboundQueries<Connection>::enable_subscription(Connection& connection, SubscriptionId id) {
  auto statement = connection.prepare(
      "UPDATE subscriptions SET disabled_at = NULL, consecutive_failures = 0 WHERE id = ? RETURNING id");
  statement.bind(1, id.value);
  auto enabled = returned_value(statement);
  if (!enabled) return tl::unexpected(enabled.error());
  return enabled->has_value();
}

template <class Connection>
Result<void> OutboundQueries<Connection>::upsert_vendor_attestation(Connection& connection,
                                                                    const VendorAttestation& attestation) {
  auto statement = connection.prepare(
      "INSERT INTO vendor_attestations (vendor, name, soc2_type2_expires_at, iso27001_expires_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (vendor) DO UPDATE SET name = excluded.name, "
      "soc2_type2_expires_at = excluded.soc2_type2_expires_at, iso27001_expires_at = excluded.iso27001_expires_at, "
      "updated_at = excluded.updated_at");
  statement.bind(1, attestation.vendor).bind(2, attestation.name);
  statement.bind(3, optional_ms(attestation.soc2_type2_expires_at));
  statement.bind(4, optional_ms(attestation.iso27001_expires_at)).bind(5, to_epoch_ms(attestation.updated_at));
  return statement.run();
}

template <class Connection>
Result<std::optional<std::int64_t>> OutboundQueries<Connection>::outbox_journal_position(Connection& connection) {
  auto statement = connection.prepare("SELECT applied_at FROM ats_objects WHERE connector = ? AND object = ?");
  statement.bind(1, k_position_connector).bind(2, k_position_object);
  return optional_row<std::int64_t>(statement,
                                    [](const Statement& row) -> Result<std::int64_t> { return row.int64(0); });
}

template <class Connection>
Result<void> OutboundQueries<Connection>::advance_outbox_journal_position(Connection& connection, std::int64_t from,
                                                                          std::int64_t to) {
  // A compare-and-set: on PostgreSQL a second node's concurrent update waits for the first's
  // commit, then finds the position moved, updates nothing and fails with conflict.
  auto statement = connection.prepare(
      "INSERT INTO ats_objects (connector, object, applied_at) VALUES (?, ?, ?) "
      "ON CONFLICT (connector, object) DO UPDATE SET applied_at = excluded.applied_at "
      "WHERE ats_objects.applied_at = ? RETURNING 1");
  statement.bind(1, k_position_connector).bind(2, k_position_object).bind(3, to).bind(4, from);
  auto moved = returned_value(statement);
  if (!moved) return tl::unexpected(moved.error());
  if (!*moved) return fail(ErrorCode::conflict, "the outbox's journal position moved meanwhile");
  return {};
}

template <class Connection>
Result<OutboxId> OutboundQueries<Connection>::insert_outbox_message(Connection& connection,
                                                                    const NewOutboxMessage& message) {
  auto statement = connection.prepare(
      "INSERT INTO outbox (subscription_id, event_type, message_id, payload, state, run_at, created_at) "
      "VALUES (?, ?, ?, ?, 'queued', ?, ?) RETURNING id");
  const std::int64_t created = to_epoch_ms(message.created_at);
  statement.bind(1, message.subscription.value).bind(2, message.event_type).bind(3, message.message_id);
  statement.bind(4, message.payload).bind(5, created).bind(6, created);
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::internal, "database error: an insert returned no id");
  return OutboxId{**id};
}

template <class Connection>
Result<std::vector<OutboxMessage>> OutboundQueries<Connection>::lease_outbox(Connection& connection,
                                                                             const LeaseRequest& request) {
  return lease_from_queue<OutboxMessage>(connection, "outbox", k_outbox_columns, request, random_token(16),
                                         read_outbox_message<Statement>);
}

template <class Connection>
Result<void> OutboundQueries<Connection>::complete_outbox_message(Connection& connection, const OutboxMessage& message,
                                                                  Timestamp now) {
  auto statement = connection.prepare(
      "UPDATE outbox SET state = 'done', finished_at = ?, lease_token = NULL, lease_until = NULL, "
      "last_error = NULL WHERE id = ? AND state = 'leased' AND lease_token = ? RETURNING id");
  statement.bind(1, to_epoch_ms(now)).bind(2, message.id.value).bind(3, message.lease_token);
  return expect_leased(statement, message);
}

template <class Connection>
Result<void> OutboundQueries<Connection>::fail_outbox_message(Connection& connection, const OutboxMessage& message,
                                                              std::string_view error, Timestamp now,
                                                              std::optional<Timestamp> retry_at) {
  auto statement = connection.prepare(
      "UPDATE outbox SET state = ?, run_at = ?, finished_at = ?, last_error = ?, lease_token = NULL, "
      "leased_by = NULL, lease_until = NULL WHERE id = ? AND state = 'leased' AND lease_token = ? RETURNING id");
  statement.bind(1, retry_at ? "queued" : "dead").bind(2, to_epoch_ms(retry_at.value_or(now)));
  statement.bind(3, retry_at ? std::optional<std::int64_t>{} : std::optional<std::int64_t>{to_epoch_ms(now)});
  statement.bind(4, error).bind(5, message.id.value).bind(6, message.lease_token);
  return expect_leased(statement, message);
}

template <class Connection>
Result<void> OutboundQueries<Connection>::block_outbox_message(Connection& connection, const OutboxMessage& message,
                                                               std::string_view reason, Timestamp now) {
  auto statement = connection.prepare(
      "UPDATE outbox SET state = 'blocked', finished_at = ?, last_error = ?, lease_token = NULL, leased_by = NULL, "
      "lease_until = NULL WHERE id = ? AND state = 'leased' AND lease_token = ? RETURNING id");
  statement.bind(1, to_epoch_ms(now)).bind(2, reason).bind(3, message.id.value).bind(4, message.lease_token);
  return expect_leased(statement, message);
}

template struct OutboundQueries<sqlite::Connection>;
template struct OutboundQueries<postgresql::Connection>;

}  // namespace snag::sql
