#pragma once
// The statements of automation's tables (notifications, suppression_windows,
// suppressed_escalations, interviews, rule_sets) and the SLA sweep's due query over tickets, written once for both
// backends. The reads run on any connection; the writes only on the writer's, inside a work
// (SqlWriteTransaction).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// automation_queries.cpp).
template <class Connection>
struct AutomationQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  // The reads, as Store (app/ports/store.hpp) describes them.
  static Result<std::vector<TicketId>> tickets_due_for_sla(Connection& connection, Timestamp now, std::size_t limit);
  static Result<NotificationPage> notifications(Connection& connection, const NotificationQuery& query);
  static Result<std::int64_t> unread_notification_count(Connection& connection, std::string_view recipient);
  static Result<std::vector<Notification>> notifications_after(Connection& connection, NotificationId after,
                                                               std::size_t limit);
  static Result<NotificationId> last_notification_id(Connection& connection);
  static Result<std::vector<SuppressionWindow>> suppression_windows(Connection& connection);
  static Result<std::optional<SuppressionWindow>> suppression_window(Connection& connection, SuppressionWindowId id);
  static Result<std::vector<SuppressedEscalation>> suppressed_escalations(Connection& connection,
                                                                          SuppressionWindowId window);
  static Result<std::int64_t> latest_rule_set_version(Connection& connection);
  static Result<std::optional<StoredRuleSet>> find_rule_set(Connection& connection, std::int64_t version);
  static Result<std::vector<StoredRuleSet>> rule_set_versions(Connection& connection, std::size_t limit);

  // The writes, as WriteTransaction (app/ports/store.hpp) describes them.
  static Result<NotificationId> insert_notification(Connection& connection, const Notification& notification);
  static Result<std::int64_t> mark_notifications_read(Connection& connection, std::string_view recipient,
                                                      const std::vector<NotificationId>& ids, Timestamp at);
  static Result<void> upsert_interview(Connection& connection, const Interview& interview);
  static Result<std::optional<Interview>> find_interview(Connection& connection, std::string_view connector,
                                                         std::string_view object);
  static Result<void> insert_rule_set(Connection& connection, const StoredRuleSet& rules);
  static Result<SuppressionWindowId> insert_suppression_window(Connection& connection, const SuppressionWindow& window);
  static Result<void> update_suppression_window(Connection& connection, const SuppressionWindow& window);
  static Result<bool> delete_suppression_window(Connection& connection, SuppressionWindowId id);
  static Result<std::vector<SuppressionWindow>> unsettled_suppression_windows(Connection& connection);
  static Result<SuppressedEscalationId> insert_suppressed_escalation(Connection& connection,
                                                                     const SuppressedEscalation& escalation);
  static Result<std::vector<SuppressedEscalation>> held_escalations(Connection& connection, SuppressionWindowId window);
  static Result<void> settle_suppressed_escalation(Connection& connection, SuppressedEscalationId id,
                                                   SuppressedState state, Timestamp at);
};

}  // namespace snag::sql
