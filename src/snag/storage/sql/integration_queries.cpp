#include <nlohmann/json.hpp>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/integration_queries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sql/work_queues.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/crypto.hpp>

namespace snag::sql {

namespace {

constexpr std::string_view k_connector_columns =
    "id, vendor, ats, mode, secrets, api_url, api_key, sync_watermark, synced_at, created_at, disabled";
constexpr std::string_view k_delivery_columns =
    "id, connector, event_id, received_at, headers, body, state, attempts, last_error, finished_at, lease_token";
constexpr std::string_view k_reconciliation_columns =
    "id, connector, kind, candidate_ats, candidate_external_id, detail, created_at, resolved_at, ticket_id";

std::string secrets_json(const std::vector<std::string>& secrets) { return nlohmann::json(secrets).dump(); }

template <class Statement>
Result<Connector> read_connector(const Statement& statement) {
  Connector connector;
  connector.id = statement.text(0);
  connector.vendor = statement.text(1);
  connector.ats = statement.text(2);
  connector.mode = statement.text(3);
  const nlohmann::json secrets = nlohmann::json::parse(statement.text(4), nullptr, false);
  if (!secrets.is_array()) return fail(ErrorCode::internal, "database error: a connector's secrets are corrupt");
  for (const nlohmann::json& secret : secrets) {
    if (!secret.is_string()) return fail(ErrorCode::internal, "database error: a connector's secrets are corrupt");
    connector.secrets.push_back(secret.get<std::string>());
  }
  connector.api_url = statement.optional_text(5);
  connector.api_key = statement.optional_text(6);
  connector.sync_watermark = optional_timestamp(statement.optional_int64(7));
  connector.synced_at = optional_timestamp(statement.optional_int64(8));
  connector.created_at = from_epoch_ms(statement.int64(9));
  connector.disabled = statement.int64(10) != 0;
  return connector;
}

Result<DeliveryState> parse_delivery_state(std::string_view text) {
  if (text == "queued") return DeliveryState::queued;
  if (text == "leased") return DeliveryState::leased;
  if (text == "done") return DeliveryState::done;
  if (text == "dead") return DeliveryState::dead;
  return fail(ErrorCode::internal, "database error: unknown delivery state");
}

template <class Statement>
Result<Delivery> read_delivery(const Statement& statement) {
  Delivery delivery;
  delivery.id = DeliveryId{statement.int64(0)};
  delivery.connector = statement.text(1);
  delivery.event_id = statement.text(2);
  delivery.received_at = from_epoch_ms(statement.int64(3));
  delivery.headers = statement.text(4);
  delivery.body = statement.text(5);
  auto state = parse_delivery_state(statement.text(6));
  if (!state) return tl::unexpected(state.error());
  delivery.state = *state;
  delivery.attempts = static_cast<int>(statement.int64(7));
  delivery.last_error = statement.optional_text(8);
  delivery.finished_at = optional_timestamp(statement.optional_int64(9));
  delivery.lease_token = statement.optional_text(10).value_or("");
  return delivery;
}

template <class Statement>
Result<Reconciliation> read_reconciliation(const Statement& statement) {
  Reconciliation reconciliation;
  reconciliation.id = ReconciliationId{statement.int64(0)};
  reconciliation.connector = statement.text(1);
  reconciliation.kind = statement.text(2);
  reconciliation.candidate = CandidateRef{statement.text(3), statement.text(4)};
  reconciliation.detail = statement.text(5);
  reconciliation.created_at = from_epoch_ms(statement.int64(6));
  reconciliation.resolved_at = optional_timestamp(statement.optional_int64(7));
  if (auto ticket = statement.optional_int64(8)) reconciliation.ticket = TicketId{*ticket};
  return reconciliation;
}

// A write that must hit the delivery its lease names: conflict when the lease was lost.
template <class Statement>
Result<void> expect_leased(Statement& statement, const Delivery& delivery) {
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) {
    return fail(ErrorCode::conflict, "the lease of delivery " + std::to_string(delivery.id.value) + " was lost");
  }
  return {};
}

}  // namespace

template <class Connection>
Result<std::optional<Connector>> IntegrationQueries<Connection>::connector(Connection& connection,
                                                                           std::string_view id) {
  static const std::string sql = select_from(k_connector_columns, " FROM connectors WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id);
  return optional_row<Connector>(statement, read_connector<Statement>);
}

template <class Connection>
Result<std::vector<Connector>> IntegrationQueries<Connection>::connectors(Connection& connection) {
  static const std::string sql = select_from(k_connector_columns, " FROM connectors ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<Connector>(statement, read_connector<Statement>);
}

template <class Connection>
Result<std::vector<ConnectorStats>> IntegrationQueries<Connection>::connector_stats(Connection& connection) {
  auto statement = connection.prepare(
      "SELECT connector, COUNT(*), "
      "SUM(CASE WHEN state IN ('queued', 'leased') THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END), "
      "MAX(received_at), MIN(CASE WHEN state IN ('queued', 'leased') THEN received_at END) "
      "FROM deliveries GROUP BY connector ORDER BY connector");
  return all_rows<ConnectorStats>(statement, [](const Statement& row) -> Result<ConnectorStats> {
    ConnectorStats stats;
    stats.connector = row.text(0);
    stats.received = row.int64(1);
    stats.pending = row.int64(2);
    stats.dead = row.int64(3);
    stats.retried = row.int64(4);
    stats.last_received_at = optional_timestamp(row.optional_int64(5));
    stats.oldest_pending_at = optional_timestamp(row.optional_int64(6));
    return stats;
  });
}

template <class Connection>
Result<DeadLetterPage> IntegrationQueries<Connection>::dead_letters(Connection& connection,
                                                                    const DeadLetterQuery& query) {
  static const std::string sql = select_from(
      k_delivery_columns,
      " FROM deliveries WHERE state = 'dead' AND (CAST(? AS TEXT) IS NULL OR connector = ?) AND id > ? "
      "ORDER BY id LIMIT ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, query.connector).bind(2, query.connector);
  statement.bind(3, query.after ? query.after->value : std::int64_t{0});
  statement.bind(4, static_cast<std::int64_t>(query.limit) + 1);
  auto rows = all_rows<Delivery>(statement, read_delivery<Statement>);
  if (!rows) return tl::unexpected(rows.error());
  DeadLetterPage page;
  page.items = std::move(*rows);
  if (page.items.size() > static_cast<std::size_t>(query.limit)) {
    page.items.pop_back();
    page.next_after = page.items.back().id;
  }
  return page;
}

template <class Connection>
Result<std::optional<Delivery>> IntegrationQueries<Connection>::delivery(Connection& connection, DeliveryId id) {
  static const std::string sql = select_from(k_delivery_columns, " FROM deliveries WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<Delivery>(statement, read_delivery<Statement>);
}

template <class Connection>
Result<std::vector<Reconciliation>> IntegrationQueries<Connection>::open_reconciliations(Connection& connection,
                                                                                       std::size_t limit) {
  static const std::string sql = select_from(
      k_reconciliation_columns, " FROM reconciliations WHERE resolved_at IS NULL ORDER BY created_at, id LIMIT ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, static_cast<std::int64_t>(limit));
  return all_rows<Reconciliation>(statement, read_reconciliation<Statement>);
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::insert_connector(Connection& connection, const Connector& connector) {
  // ON CONFLICT rather than catching the violation: on PostgreSQL a failed statement aborts the
  // whole transaction.
  auto statement = connection.prepare(
      "INSERT INTO connectors (id, vendor, ats, mode, secrets, api_url, api_key, sync_watermark, synced_at, "
      "created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING 1");
  statement.bind(1, connector.id).bind(2, connector.vendor).bind(3, connector.ats).bind(4, connector.mode);
  statement.bind(5, secrets_json(connector.secrets)).bind(6, connector.api_url).bind(7, connector.api_key);
  statement.bind(8, optional_ms(connector.sync_watermark)).bind(9, optional_ms(connector.synced_at));
  statement.bind(10, to_epoch_ms(connector.created_at)).bind(11, connector.disabled);
  auto inserted = returned_value(statement);
  if (!inserted) return tl::unexpected(inserted.error());
  if (!*inserted) return fail(ErrorCode::conflict, "connector '" + connector.id + "' exists");
  return {};
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::update_connector(Connection& connection, const Connector& connector) {
  auto statement = connection.prepare(
      "UPDATE connectors SET mode = ?, secrets = ?, api_url = ?, api_key = ?, sync_watermark = ?, synced_at = ?, "
      "disabled = ? WHERE id = ? RETURNING 1");
  statement.bind(1, connector.mode).bind(2, secrets_json(connector.secrets)).bind(3, connector.api_url);
  statement.bind(4, connector.api_key).bind(5, optional_ms(connector.sync_watermark));
  statement.bind(6, optional_ms(connector.synced_at)).bind(7, connector.disabled).bind(8, connector.id);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return fail(ErrorCode::not_found, "connector '" + connector.id + "' does not exist");
  return {};
}

template <class Connection>
Result<bool> IntegrationQueries<Connection>::insert_delivery(Connection& connection, const NewDelivery& delivery) {
  auto statement = connection.prepare(
      "INSERT INTO deliveries (connector, event_id, received_at, headers, body, state, run_at) "
      "VALUES (?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT (connector, event_id) DO NOTHING RETURNING id");
  const std::int64_t received = to_epoch_ms(delivery.received_at);
  statement.bind(1, delivery.connector).bind(2, delivery.event_id).bind(3, received);
  statement.bind(4, delivery.headers).bind(5, delivery.body).bind(6, received);
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  return id->has_value();
}

template <class Connection>
Result<std::vector<Delivery>> IntegrationQueries<Connection>::lease_deliveries(Connection& connection,
                                                                               const LeaseRequest& request) {
  return lease_from_queue<Delivery>(connection, "deliveries", k_delivery_columns, request, random_token(16),
                                    read_delivery<Statement>);
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::complete_delivery(Connection& connection, const Delivery& delivery,
                                                               Timestamp now) {
  auto statement = connection.prepare(
      "UPDATE deliveries SET state = 'done', finished_at = ?, lease_token = NULL, lease_until = NULL, "
      "last_error = NULL WHERE id = ? AND state = 'leased' AND lease_token = ? RETURNING id");
  statement.bind(1, to_epoch_ms(now)).bind(2, delivery.id.value).bind(3, delivery.lease_token);
  return expect_leased(statement, delivery);
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::fail_delivery(Connection& connection, const Delivery& delivery,
                                                           std::string_view error, Timestamp now,
                                                           std::optional<Timestamp> retry_at) {
  auto statement = connection.prepare(
      "UPDATE deliveries SET state = ?, run_at = ?, finished_at = ?, last_error = ?, lease_token = NULL, "
      "leased_by = NULL, lease_until = NULL WHERE id = ? AND state = 'leased' AND lease_token = ? RETURNING id");
  statement.bind(1, retry_at ? "queued" : "dead").bind(2, to_epoch_ms(retry_at.value_or(now)));
  statement.bind(3, retry_at ? std::optional<std::int64_t>{} : std::optional<std::int64_t>{to_epoch_ms(now)});
  statement.bind(4, error).bind(5, delivery.id.value).bind(6, delivery.lease_token);
  return expect_leased(statement, delivery);
}

template <class Connection>
Result<std::int64_t> IntegrationQueries<Connection>::replay_dead_deliveries(Connection& connection,
                                                                            std::optional<DeliveryId> id,
                                                                            const std::optional<std::string>& connector,
                                                                            Timestamp now) {
  auto statement = connection.prepare(
      "UPDATE deliveries SET state = 'queued', attempts = 0, run_at = ?, finished_at = NULL "
      "WHERE state = 'dead' AND (CAST(? AS BIGINT) IS NULL OR id = ?) AND (CAST(? AS TEXT) IS NULL OR connector = ?) "
      "RETURNING id");
  const auto id_value = optional_id(id);
  statement.bind(1, to_epoch_ms(now)).bind(2, id_value).bind(3, id_value).bind(4, connector).bind(5, connector);
  return counted_rows(statement);
}

template <class Connection>
Result<std::optional<Timestamp>> IntegrationQueries<Connection>::object_applied_at(Connection& connection,
                                                                                  std::string_view connector,
                                                                                  std::string_view object) {
  auto statement = connection.prepare("SELECT applied_at FROM ats_objects WHERE connector = ? AND object = ?");
  statement.bind(1, connector).bind(2, object);
  return optional_row<Timestamp>(statement,
                                 [](const Statement& row) -> Result<Timestamp> { return from_epoch_ms(row.int64(0)); });
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::set_object_applied_at(Connection& connection, std::string_view connector,
                                                                   std::string_view object, Timestamp at) {
  auto statement = connection.prepare(
      "INSERT INTO ats_objects (connector, object, applied_at) VALUES (?, ?, ?) "
      "ON CONFLICT (connector, object) DO UPDATE SET applied_at = excluded.applied_at");
  statement.bind(1, connector).bind(2, object).bind(3, to_epoch_ms(at));
  return statement.run();
}

template <class Connection>
Result<std::optional<std::string>> IntegrationQueries<Connection>::merged_into(Connection& connection,
                                                                              const CandidateRef& ref) {
  auto statement =
      connection.prepare("SELECT into_external_id FROM candidate_merges WHERE ats = ? AND external_id = ?");
  statement.bind(1, ref.ats).bind(2, ref.external_id);
  return optional_row<std::string>(statement, [](const Statement& row) -> Result<std::string> { return row.text(0); });
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::record_candidate_merge(Connection& connection, const CandidateRef& from,
                                                                    std::string_view into_external_id, Timestamp at) {
  auto statement = connection.prepare(
      "INSERT INTO candidate_merges (ats, external_id, into_external_id, merged_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (ats, external_id) DO UPDATE SET into_external_id = excluded.into_external_id, "
      "merged_at = excluded.merged_at");
  statement.bind(1, from.ats).bind(2, from.external_id).bind(3, into_external_id).bind(4, to_epoch_ms(at));
  return statement.run();
}

template <class Connection>
Result<bool> IntegrationQueries<Connection>::record_withdrawal(Connection& connection, const CandidateRef& ref,
                                                               Timestamp at) {
  auto first = connection.prepare(
      "UPDATE candidates SET withdrawn_at = ? WHERE ats = ? AND external_id = ? AND withdrawn_at IS NULL "
      "RETURNING 1");
  first.bind(1, to_epoch_ms(at)).bind(2, ref.ats).bind(3, ref.external_id);
  auto withdrew = returned_value(first);
  if (!withdrew) return tl::unexpected(withdrew.error());
  if (withdrew->has_value()) return true;
  // The earliest withdrawal wins, whichever order the events arrive in.
  auto earlier = connection.prepare(
      "UPDATE candidates SET withdrawn_at = ? WHERE ats = ? AND external_id = ? AND withdrawn_at > ?");
  earlier.bind(1, to_epoch_ms(at)).bind(2, ref.ats).bind(3, ref.external_id).bind(4, to_epoch_ms(at));
  if (auto done = earlier.run(); !done) return tl::unexpected(done.error());
  return false;
}

template <class Connection>
Result<std::vector<Ticket>> IntegrationQueries<Connection>::candidate_tickets(Connection& connection,
                                                                              const CandidateRef& ref) {
  static const std::string sql = select_from(
      k_ticket_columns, " FROM tickets WHERE candidate_ats = ? AND candidate_external_id = ? ORDER BY id");
  auto statement = connection.prepare(sql);
  statement.bind(1, ref.ats).bind(2, ref.external_id);
  return all_rows<Ticket>(statement, Rows<Statement>::read_ticket);
}

template <class Connection>
Result<ReconciliationId> IntegrationQueries<Connection>::insert_reconciliation(Connection& connection,
                                                                               const Reconciliation& reconciliation) {
  auto statement = connection.prepare(
      "INSERT INTO reconciliations (connector, kind, candidate_ats, candidate_external_id, detail, created_at, "
      "resolved_at, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, reconciliation.connector).bind(2, reconciliation.kind);
  statement.bind(3, reconciliation.candidate.ats).bind(4, reconciliation.candidate.external_id);
  statement.bind(5, reconciliation.detail).bind(6, to_epoch_ms(reconciliation.created_at));
  statement.bind(7, optional_ms(reconciliation.resolved_at)).bind(8, optional_id(reconciliation.ticket));
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::internal, "database error: an insert returned no id");
  return ReconciliationId{**id};
}

template <class Connection>
Result<std::vector<Reconciliation>> IntegrationQueries<Connection>::overdue_reconciliations(
    Connection& connection, Timestamp created_before) {
  static const std::string sql = select_from(
      k_reconciliation_columns,
      " FROM reconciliations WHERE resolved_at IS NULL AND ticket_id IS NULL AND created_at < ? ORDER BY id");
  auto statement = connection.prepare(sql);
  statement.bind(1, to_epoch_ms(created_before));
  return all_rows<Reconciliation>(statement, read_reconciliation<Statement>);
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::update_reconciliation(Connection& connection,
                                                                   const Reconciliation& reconciliation) {
  auto statement =
      connection.prepare("UPDATE reconciliations SET resolved_at = ?, ticket_id = ? WHERE id = ? RETURNING id");
  statement.bind(1, optional_ms(reconciliation.resolved_at)).bind(2, optional_id(reconciliation.ticket));
  statement.bind(3, reconciliation.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) {
    return fail(ErrorCode::not_found, "reconciliation " + std::to_string(reconciliation.id.value) + " does not exist");
  }
  return {};
}

template <class Connection>
Result<void> IntegrationQueries<Connection>::resolve_reconciliations(Connection& connection,
                                                                     const CandidateRef& candidate, Timestamp now) {
  auto statement = connection.prepare(
      "UPDATE reconciliations SET resolved_at = ? WHERE candidate_ats = ? AND candidate_external_id = ? "
      "AND resolved_at IS NULL");
  statement.bind(1, to_epoch_ms(now)).bind(2, candidate.ats).bind(3, candidate.external_id);
  return statement.run();
}

template struct IntegrationQueries<sqlite::Connection>;
template struct IntegrationQueries<postgresql::Connection>;

}  // namespace snag::sql
