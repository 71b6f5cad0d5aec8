#include <snag/app/automation/notifier.hpp>

#include <algorithm>

#include <snag/domain/access/visibility.hpp>

namespace snag {
namespace {

bool member_may_see(const Catalog& catalog, const Ticket& ticket, const TeamMemberLoad& member) {
  Actor actor;
  actor.name = member.username;
  actor.role = member.role;
  actor.team = ticket.team;
  return can_see(catalog, actor, ticket);
}

std::string default_message(const Ticket& ticket, const NotificationRequest& request) {
  return ticket_key(ticket.id) + " (" + ticket.type + ", " + std::string(to_string(ticket.severity)) +
         "): rule '" + request.rule + "' acted";
}

std::string message_of(const Ticket& ticket, const NotificationRequest& request) {
  return request.message.empty() ? default_message(ticket, request) : ticket_key(ticket.id) + ": " + request.message;
}

bool names_team(const NotificationRequest& request) {
  return std::any_of(request.recipients.begin(), request.recipients.end(),
                     [](const NotifyRecipient& recipient) { return recipient.kind == NotifyRecipient::Kind::team; });
}

// The channel's post: the team's code, not its webhook, so that the secret URL stays in the
// configuration rather than in the job queue.
Result<void> queue_slack_post(WriteTransaction& tx, const Catalog& catalog, const Ticket& ticket,
                              const NotificationRequest& request, Timestamp now) {
  const Team* team = catalog.find_team(ticket.team);
  if (team == nullptr || team->slack_webhook.empty() || !names_team(request)) return {};
  NewJob post;
  post.kind = std::string(k_notification_slack_job);
  post.payload = nlohmann::json{{"team", team->code}, {"text", message_of(ticket, request)}}.dump();
  post.run_at = now;
  if (auto queued = tx.enqueue_job(post, now); !queued) return tl::unexpected(std::move(queued.error()));
  return {};
}

}  // namespace

Result<void> store_notification(WriteTransaction& tx, const Notification& notification, nlohmann::json email,
                                Timestamp now) {
  if (auto inserted = tx.insert_notification(notification); !inserted) {
    return tl::unexpected(std::move(inserted.error()));
  }
  email["recipient"] = notification.recipient;
  email["message"] = notification.message;
  NewJob job;
  job.kind = std::string(k_notification_email_job);
  job.payload = email.dump();
  job.run_at = now;
  if (auto queued = tx.enqueue_job(job, now); !queued) return tl::unexpected(std::move(queued.error()));
  return {};
}

Result<std::vector<std::string>> send_notifications(WriteTransaction& tx, const Catalog& catalog, const Ticket& ticket,
                                                    const std::vector<NotificationRequest>& requests,
                                                    std::string_view kind, Timestamp now) {
  std::vector<std::string> notified;
  std::optional<std::vector<TeamMemberLoad>> team;  // read once, when a request names the team
  for (const NotificationRequest& request : requests) {
    if (auto posted = queue_slack_post(tx, catalog, ticket, request, now); !posted) {
      return tl::unexpected(std::move(posted.error()));
    }
    std::vector<std::string> people;
    for (const NotifyRecipient& recipient : request.recipients) {
      switch (recipient.kind) {
        // The assignee and the watchers may see the ticket by the access rule itself.
        case NotifyRecipient::Kind::assignee:
          if (ticket.assignee) people.push_back(*ticket.assignee);
          break;
        case NotifyRecipient::Kind::watchers:
          people.insert(people.end(), ticket.watchers.begin(), ticket.watchers.end());
          break;
        case NotifyRecipient::Kind::team:
        case NotifyRecipient::Kind::role: {
          if (!team) {
            auto members = tx.team_workload(ticket.team);
            if (!members) return tl::unexpected(std::move(members.error()));
            team = std::move(*members);
          }
          for (const TeamMemberLoad& member : *team) {
            if (recipient.kind == NotifyRecipient::Kind::role && member.role != recipient.role) continue;
            if (member_may_see(catalog, ticket, member)) people.push_back(member.username);
          }
          break;
        }
      }
    }
    for (const std::string& person : people) {
      if (std::find(notified.begin(), notified.end(), person) != notified.end()) continue;
      Notification notification;
      notification.recipient = person;
      notification.ticket = ticket.id;
      notification.kind = std::string(kind);
      notification.rule = request.rule;
      notification.message = message_of(ticket, request);
      notification.created_at = now;
      auto stored = store_notification(tx, notification, {{"ticket", ticket_key(ticket.id)}}, now);
      if (!stored) return tl::unexpected(std::move(stored.error()));
      notified.push_back(person);
    }
  }
  return notified;
}

}  // namespace snag
