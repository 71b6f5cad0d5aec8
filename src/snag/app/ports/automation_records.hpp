#pragma once
// What the Store keeps for automation beside tickets: in-app notifications, the
// suppression windows with the escalations they held (domain/automation/suppression_window.hpp)
// and the interviews the ATS told of (app/automation/interview_notices.hpp).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <snag/domain/automation/suppression_window.hpp>
#include <snag/domain/candidate.hpp>
#include <snag/domain/ids.hpp>
#include <snag/util/strong_id.hpp>
#include <snag/util/time.hpp>

namespace snag {

using NotificationId = StrongId<struct NotificationIdTag>;

// One message for one person, shown in the app with an unread count. The message names the
// ticket and what happened, never the ticket's text: that is read, masked, from the ticket.
struct Notification {
  NotificationId id;
  std::string recipient;  // a username
  std::optional<TicketId> ticket;
  std::string kind;  // escalation, interview, …
  std::string rule;  // the rule that sent it; empty when none did
  std::string message;
  Timestamp created_at;
  std::optional<Timestamp> read_at;
};

// A recipient's notifications, newest first (by id), in pages.
struct NotificationQuery {
  std::string recipient;
  bool unread_only = false;
  std::optional<NotificationId> before;  // the cursor: ids below this one
  std::size_t limit = 50;
};

struct NotificationPage {
  std::vector<Notification> items;
  std::optional<NotificationId> next;  // pass as `before` for the next page
};

// An interview as the ATS last described it: what the notices about it check before they are
// sent, so that a cancelled or moved interview is not announced at its old time.
struct Interview {
  std::string connector;
  std::string object;  // the events' object: "interview:123", "application:42"
  CandidateRef candidate;
  std::optional<Timestamp> starts_at;  // absent when the ATS did not say when
  bool cancelled = false;
  Timestamp updated_at;
};

// A version of the automation rules stored through PUT /api/v1/rules
// (app/automation/rule_service.hpp): the YAML as it was sent, so that what runs is what was
// reviewed, and who stored it when. Versions count up from 1 and are never changed.
struct StoredRuleSet {
  std::int64_t version = 0;
  std::string yaml;  // empty in Store::rule_set_versions, which lists them
  std::int64_t rule_count = 0;
  Timestamp created_at;
  std::string created_by;
};

}  // namespace snag
