#include <algorithm>
#include <limits>
#include <string>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/automation_queries.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {

constexpr std::string_view k_notification_columns =
    "id, recipient, ticket_id, kind, rule, message, created_at, read_at";
constexpr std::string_view k_window_columns =
    "id, name, reason, scope, scope_value, starts_at, ends_at, on_end, created_by, created_at, ended_early_at, "
    "settled_at";
constexpr std::string_view k_interview_columns =
    "connector, object, ats, candidate_external_id, starts_at, cancelled, updated_at";
constexpr std::string_view k_rule_set_columns = "version, yaml, rule_count, created_at, created_by";
constexpr std::string_view k_escalation_columns = "id, window_id, ticket_id, rule, due_at, state, settled_at";

// Ids marked read per statement: far below either backend's parameter limit.
constexpr std::size_t k_ids_per_statement = 500;

template <class Statement>
Result<Notification> read_notification(const Statement& statement) {
  Notification notification;
  notification.id = NotificationId{statement.int64(0)};
  notification.recipient = statement.text(1);
  if (auto ticket = statement.optional_int64(2)) notification.ticket = TicketId{*ticket};
  notification.kind = statement.text(3);
  notification.rule = statement.text(4);
  notification.message = statement.text(5);
  notification.created_at = from_epoch_ms(statement.int64(6));
  notification.read_at = optional_timestamp(statement.optional_int64(7));
  return notification;
}

template <class Statement>
Result<SuppressionWindow> read_window(const Statement& statement) {
  SuppressionWindow window;
  window.id = SuppressionWindowId{statement.int64(0)};
  window.name = statement.text(1);
  window.reason = statement.text(2);
  const auto scope = parse_window_scope(statement.text(3));
  const auto on_end = parse_window_end_policy(statement.text(7));
  if (!scope || !on_end) return fail(ErrorCode::internal, "database error: a stored suppression window is corrupt");
  window.scope = *scope;
  window.scope_value = statement.text(4);
  window.starts_at = from_epoch_ms(statement.int64(5));
  window.ends_at = from_epoch_ms(statement.int64(6));
  window.on_end = *on_end;
  window.created_by = statement.text(8);
  window.created_at = from_epoch_ms(statement.int64(9));
  window.ended_early_at = optional_timestamp(statement.optional_int64(10));
  window.settled_at = optional_timestamp(statement.optional_int64(11));
  return window;
}

template <class Statement>
Result<SuppressedEscalation> read_escalation(const Statement& statement) {
  SuppressedEscalation escalation;
  escalation.id = SuppressedEscalationId{statement.int64(0)};
  escalation.window = SuppressionWindowId{statement.int64(1)};
  escalation.ticket = TicketId{statement.int64(2)};
  escalation.rule = statement.text(3);
  escalation.due_at = from_epoch_ms(statement.int64(4));
  const auto state = parse_suppressed_state(statement.text(5));
  if (!state) return fail(ErrorCode::internal, "database error: a suppressed escalation has an unknown state");
  escalation.state = *state;
  escalation.settled_at = optional_timestamp(statement.optional_int64(6));
  return escalation;
}

template <class Statement>
Result<Interview> read_interview(const Statement& statement) {
  Interview interview;
  interview.connector = statement.text(0);
  interview.object = statement.text(1);
  interview.candidate = CandidateRef{statement.text(2), statement.text(3)};
  interview.starts_at = optional_timestamp(statement.optional_int64(4));
  interview.cancelled = statement.int64(5) != 0;
  interview.updated_at = from_epoch_ms(statement.int64(6));
  return interview;
}

template <class Statement>
Result<StoredRuleSet> read_rule_set(const Statement& statement) {
  StoredRuleSet rules;
  rules.version = statement.int64(0);
  rules.yaml = statement.text(1);
  rules.rule_count = statement.int64(2);
  rules.created_at = from_epoch_ms(statement.int64(3));
  rules.created_by = statement.text(4);
  return rules;
}

// "?, ?, …, ?" with `count` parameters.
std::string placeholders(std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ", ?";
  return list;
}

}  // namespace

template <class Connection>
Result<std::vector<TicketId>> AutomationQueries<Connection>::tickets_due_for_sla(Connection& connection, Timestamp now,
                                                                                 std::size_t limit) {
  // `IS NOT NULL` spelled out so that SQLite picks the partial index tickets_sla_due.
  auto statement = connection.prepare(
      "SELECT id FROM tickets WHERE sla_next_check_at IS NOT NULL AND sla_next_check_at <= ? "
      "ORDER BY sla_next_check_at, id LIMIT ?");
  statement.bind(1, to_epoch_ms(now)).bind(2, static_cast<std::int64_t>(limit));
  return all_rows<TicketId>(statement, [](const Statement& row) -> Result<TicketId> { return TicketId{row.int64(0)}; });
}

template <class Connection>
Result<NotificationPage> AutomationQueries<Connection>::notifications(Connection& connection,
                                                                      const NotificationQuery& query) {
  if (query.limit < 1) return fail(ErrorCode::invalid_argument, "the notification page limit must be at least 1");
  // Two statements rather than one with an optional filter: `read_at IS NULL` has to be in the
  // SQL for SQLite to read the unread ones from the partial index notifications_unread.
  static const std::string all_sql = select_from(
      k_notification_columns, " FROM notifications WHERE recipient = ? AND id < ? ORDER BY id DESC LIMIT ?");
  static const std::string unread_sql =
      select_from(k_notification_columns,
                  " FROM notifications WHERE recipient = ? AND read_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?");
  auto statement = connection.prepare(query.unread_only ? unread_sql : all_sql);
  statement.bind(1, query.recipient);
  statement.bind(2, query.before ? query.before->value : std::numeric_limits<std::int64_t>::max());
  statement.bind(3, static_cast<std::int64_t>(query.limit) + 1);  // the extra row only says that more follow
  auto rows = all_rows<Notification>(statement, read_notification<Statement>);
  if (!rows) return tl::unexpected(rows.error());
  NotificationPage page;
  page.next = trim_page(*rows, query.limit);
  page.items = std::move(*rows);
  return page;
}

template <class Connection>
Result<std::int64_t> AutomationQueries<Connection>::unread_notification_count(Connection& connection,
                                                                              std::string_view recipient) {
  auto statement = connection.prepare("SELECT COUNT(*) FROM notifications WHERE recipient = ? AND read_at IS NULL");
  statement.bind(1, recipient);
  auto count =
      optional_row<std::int64_t>(statement, [](const Statement& row) -> Result<std::int64_t> { return row.int64(0); });
  if (!count) return tl::unexpected(count.error());
  return count->value_or(0);
}

template <class Connection>
Result<std::vector<Notification>> AutomationQueries<Connection>::notifications_after(Connection& connection,
                                                                                    NotificationId after,
                                                                                    std::size_t limit) {
  static const std::string sql = select_from(k_notification_columns, " FROM notifications WHERE id > ? ORDER BY id LIMIT ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, after.value).bind(2, static_cast<std::int64_t>(limit));
  return all_rows<Notification>(statement, read_notification<Statement>);
}

template <class Connection>
Result<NotificationId> AutomationQueries<Connection>::last_notification_id(Connection& connection) {
  auto statement = connection.prepare("SELECT COALESCE(MAX(id), 0) FROM notifications");
  auto last =
      optional_row<std::int64_t>(statement, [](const Statement& row) -> Result<std::int64_t> { return row.int64(0); });
  if (!last) return tl::unexpected(last.error());
  return NotificationId{last->value_or(0)};
}

template <class Connection>
Result<std::vector<SuppressionWindow>> AutomationQueries<Connection>::suppression_windows(Connection& connection) {
  static const std::string sql = select_from(k_window_columns, " FROM suppression_windows ORDER BY id DESC");
  auto statement = connection.prepare(sql);
  return all_rows<SuppressionWindow>(statement, read_window<Statement>);
}

template <class Connection>
Result<std::optional<SuppressionWindow>> AutomationQueries<Connection>::suppression_window(Connection& connection,
                                                                                           SuppressionWindowId id) {
  static const std::string sql = select_from(k_window_columns, " FROM suppression_windows WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<SuppressionWindow>(statement, read_window<Statement>);
}

template <class Connection>
Result<std::vector<SuppressedEscalation>> AutomationQueries<Connection>::suppressed_escalations(
    Connection& connection, SuppressionWindowId window) {
  static const std::string sql =
      select_from(k_escalation_columns, " FROM suppressed_escalations WHERE window_id = ? ORDER BY id");
  auto statement = connection.prepare(sql);
  statement.bind(1, window.value);
  return all_rows<SuppressedEscalation>(statement, read_escalation<Statement>);
}

template <class Connection>
Result<NotificationId> AutomationQueries<Connection>::insert_notification(Connection& connection,
                                                                          const Notification& notification) {
  auto statement = connection.prepare(
      "INSERT INTO notifications (recipient, ticket_id, kind, rule, message, created_at, read_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, notification.recipient).bind(2, optional_id(notification.ticket)).bind(3, notification.kind);
  statement.bind(4, notification.rule).bind(5, notification.message).bind(6, to_epoch_ms(notification.created_at));
  statement.bind(7, optional_ms(notification.read_at));
  auto id = inserted_id(statement);
  if (!id) return tl::unexpected(id.error());
  return NotificationId{*id};
}

template <class Connection>
Result<std::int64_t> AutomationQueries<Connection>::mark_notifications_read(Connection& connection,
                                                                            std::string_view recipient,
                                                                            const std::vector<NotificationId>& ids,
                                                                            Timestamp at) {
  // RETURNING counts the rows changed the same way on both backends (counted_rows).
  static const std::string base = "UPDATE notifications SET read_at = ? WHERE recipient = ? AND read_at IS NULL";
  if (ids.empty()) {
    auto statement = connection.prepare(base + " RETURNING id");
    statement.bind(1, to_epoch_ms(at)).bind(2, recipient);
    return counted_rows(statement);
  }
  std::int64_t marked = 0;
  for (std::size_t first = 0; first < ids.size(); first += k_ids_per_statement) {
    const std::size_t count = std::min(k_ids_per_statement, ids.size() - first);
    auto statement = connection.prepare(base + " AND id IN (" + placeholders(count) + ") RETURNING id");
    statement.bind(1, to_epoch_ms(at)).bind(2, recipient);
    for (std::size_t i = 0; i < count; ++i) statement.bind(static_cast<int>(3 + i), ids[first + i].value);
    auto changed = counted_rows(statement);
    if (!changed) return tl::unexpected(changed.error());
    marked += *changed;
  }
  return marked;
}

template <class Connection>
Result<void> AutomationQueries<Connection>::upsert_interview(Connection& connection, const Interview& interview) {
  auto statement = connection.prepare(
      "INSERT INTO interviews (connector, object, ats, candidate_external_id, starts_at, cancelled, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connector, object) DO UPDATE SET ats = excluded.ats, "
      "candidate_external_id = excluded.candidate_external_id, starts_at = excluded.starts_at, "
      "cancelled = excluded.cancelled, updated_at = excluded.updated_at");
  statement.bind(1, interview.connector).bind(2, interview.object).bind(3, interview.candidate.ats);
  statement.bind(4, interview.candidate.external_id).bind(5, optional_ms(interview.starts_at));
  statement.bind(6, static_cast<std::int64_t>(interview.cancelled ? 1 : 0)).bind(7, to_epoch_ms(interview.updated_at));
  return statement.run();
}

template <class Connection>
Result<std::optional<Interview>> AutomationQueries<Connection>::find_interview(Connection& connection,
                                                                              std::string_view connector,
                                                                              std::string_view object) {
  static const std::string sql = select_from(k_interview_columns, " FROM interviews WHERE connector = ? AND object = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, connector).bind(2, object);
  return optional_row<Interview>(statement, read_interview<Statement>);
}

template <class Connection>
Result<void> AutomationQueries<Connection>::insert_rule_set(Connection& connection, const StoredRuleSet& rules) {
  auto statement = connection.prepare(
      "INSERT INTO rule_sets (version, yaml, rule_count, created_at, created_by) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (version) DO NOTHING RETURNING 1");
  statement.bind(1, rules.version).bind(2, rules.yaml).bind(3, rules.rule_count);
  statement.bind(4, to_epoch_ms(rules.created_at)).bind(5, rules.created_by);
  auto inserted = returned_value(statement);
  if (!inserted) return tl::unexpected(inserted.error());
  if (!*inserted) return fail(ErrorCode::conflict, "rules version " + std::to_string(rules.version) + " exists");
  return {};
}

template <class Connection>
Result<std::int64_t> AutomationQueries<Connection>::latest_rule_set_version(Connection& connection) {
  auto statement = connection.prepare("SELECT COALESCE(MAX(version), 0) FROM rule_sets");
  auto latest =
      optional_row<std::int64_t>(statement, [](const Statement& row) -> Result<std::int64_t> { return row.int64(0); });
  if (!latest) return tl::unexpected(latest.error());
  return latest->value_or(0);
}

template <class Connection>
Result<std::optional<StoredRuleSet>> AutomationQueries<Connection>::find_rule_set(Connection& connection,
                                                                                 std::int64_t version) {
  static const std::string sql = select_from(k_rule_set_columns, " FROM rule_sets WHERE version = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, version);
  return optional_row<StoredRuleSet>(statement, read_rule_set<Statement>);
}

template <class Connection>
Result<std::vector<StoredRuleSet>> AutomationQueries<Connection>::rule_set_versions(Connection& connection,
                                                                                   std::size_t limit) {
  auto statement = connection.prepare(
      "SELECT version, '', rule_count, created_at, created_by FROM rule_sets ORDER BY version DESC LIMIT ?");
  statement.bind(1, static_cast<std::int64_t>(limit));
  return all_rows<StoredRuleSet>(statement, read_rule_set<Statement>);
}

template <class Connection>
Result<SuppressionWindowId> AutomationQueries<Connection>::insert_suppression_window(Connection& connection,
                                                                                     const SuppressionWindow& window) {
  auto statement = connection.prepare(
      "INSERT INTO suppression_windows (name, reason, scope, scope_value, starts_at, ends_at, on_end, created_by, "
      "created_at, ended_early_at, settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, window.name).bind(2, window.reason).bind(3, to_string(window.scope));
  statement.bind(4, window.scope_value).bind(5, to_epoch_ms(window.starts_at)).bind(6, to_epoch_ms(window.ends_at));
  statement.bind(7, to_string(window.on_end)).bind(8, window.created_by).bind(9, to_epoch_ms(window.created_at));
  statement.bind(10, optional_ms(window.ended_early_at)).bind(11, optional_ms(window.settled_at));
  auto id = inserted_id(statement);
  if (!id) return tl::unexpected(id.error());
  return SuppressionWindowId{*id};
}

template <class Connection>
Result<void> AutomationQueries<Connection>::update_suppression_window(Connection& connection,
                                                                      const SuppressionWindow& window) {
  auto statement = connection.prepare(
      "UPDATE suppression_windows SET ends_at = ?, ended_early_at = ?, settled_at = ? WHERE id = ? RETURNING id");
  statement.bind(1, to_epoch_ms(window.ends_at)).bind(2, optional_ms(window.ended_early_at));
  statement.bind(3, optional_ms(window.settled_at)).bind(4, window.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) {
    return fail(ErrorCode::not_found, "suppression window " + std::to_string(window.id.value) + " does not exist");
  }
  return {};
}

template <class Connection>
Result<bool> AutomationQueries<Connection>::delete_suppression_window(Connection& connection, SuppressionWindowId id) {
  // Its escalations first: the foreign key has no cascade (schema.cpp, version 7).
  auto escalations = connection.prepare("DELETE FROM suppressed_escalations WHERE window_id = ?");
  escalations.bind(1, id.value);
  if (auto deleted = escalations.run(); !deleted) return tl::unexpected(deleted.error());
  auto statement = connection.prepare("DELETE FROM suppression_windows WHERE id = ? RETURNING id");
  statement.bind(1, id.value);
  auto deleted = returned_value(statement);
  if (!deleted) return tl::unexpected(deleted.error());
  return deleted->has_value();
}

template <class Connection>
Result<std::vector<SuppressionWindow>> AutomationQueries<Connection>::unsettled_suppression_windows(
    Connection& connection) {
  static const std::string sql =
      select_from(k_window_columns, " FROM suppression_windows WHERE settled_at IS NULL ORDER BY id");
  auto statement = connection.prepare(sql);
  return all_rows<SuppressionWindow>(statement, read_window<Statement>);
}

template <class Connection>
Result<SuppressedEscalationId> AutomationQueries<Connection>::insert_suppressed_escalation(
    Connection& connection, const SuppressedEscalation& escalation) {
  auto statement = connection.prepare(
      "INSERT INTO suppressed_escalations (window_id, ticket_id, rule, due_at, state, settled_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(1, escalation.window.value).bind(2, escalation.ticket.value).bind(3, escalation.rule);
  statement.bind(4, to_epoch_ms(escalation.due_at)).bind(5, to_string(escalation.state));
  statement.bind(6, optional_ms(escalation.settled_at));
  auto id = inserted_id(statement);
  if (!id) {
    if (id.error().code == ErrorCode::conflict) {  // the foreign key: no such window
      return fail(ErrorCode::not_found,
                  "suppression window " + std::to_string(escalation.window.value) + " does not exist");
    }
    return tl::unexpected(id.error());
  }
  return SuppressedEscalationId{*id};
}

template <class Connection>
Result<std::vector<SuppressedEscalation>> AutomationQueries<Connection>::held_escalations(Connection& connection,
                                                                                          SuppressionWindowId window) {
  static const std::string sql = select_from(
      k_escalation_columns, " FROM suppressed_escalations WHERE window_id = ? AND state = 'held' ORDER BY id");
  auto statement = connection.prepare(sql);
  statement.bind(1, window.value);
  return all_rows<SuppressedEscalation>(statement, read_escalation<Statement>);
}

template <class Connection>
Result<void> AutomationQueries<Connection>::settle_suppressed_escalation(Connection& connection,
                                                                         SuppressedEscalationId id,
                                                                         SuppressedState state, Timestamp at) {
  auto statement =
      connection.prepare("UPDATE suppressed_escalations SET state = ?, settled_at = ? WHERE id = ? RETURNING id");
  statement.bind(1, to_string(state)).bind(2, to_epoch_ms(at)).bind(3, id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) {
    return fail(ErrorCode::not_found, "suppressed escalation " + std::to_string(id.value) + " does not exist");
  }
  return {};
}

template struct AutomationQueries<sqlite::Connection>;
template struct AutomationQueries<postgresql::Connection>;

}  // namespace snag::sql
