#pragma once
// Turns the notify actions of rules that acted on a ticket into in-app notifications, one per
// person, inside the write that made the change: a notification is sent if and only if the
// change it reports is stored. Recipients who may not see the ticket are skipped (the access
// rule, domain/access/visibility.hpp), and the message never carries the ticket's text.
// Each notification also queues a `notification.email` job in the same write
// (jobs/notification_email_job.hpp), so the email outlives a crash and is retried; a request
// that names the `team` also queues one `notification.slack` post to the team's channel, when
// its team has a Slack webhook (jobs/notification_slack_job.hpp).

#include <string>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/domain/automation/rule.hpp>
#include <snag/domain/catalog.hpp>

namespace snag {

inline constexpr std::string_view k_notification_email_job = "notification.email";
inline constexpr std::string_view k_notification_slack_job = "notification.slack";

// Stores the notification and queues its email (the job's payload: `email`, to which the
// recipient is added) in the write.
Result<void> store_notification(WriteTransaction& tx, const Notification& notification, nlohmann::json email,
                                Timestamp now);

// The usernames notified, in order, each once.
Result<std::vector<std::string>> send_notifications(WriteTransaction& tx, const Catalog& catalog, const Ticket& ticket,
                                                    const std::vector<NotificationRequest>& requests,
                                                    std::string_view kind, Timestamp now);

}  // namespace snag
