#pragma once
// The post-mortem of an incident: what happened when, what it did to candidates, why, and what
// will be done so that it does not happen again. Severity protocols (severity_protocol.hpp)
// require one before a Sev-1 or Sev-2 incident closes; its action items are tracked to done
// and their owners hear when one is overdue.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

struct TimelineEntry {
  Timestamp at;
  std::string event;
};

struct ActionItem {
  std::int64_t number = 0;  // 1, 2, … in the post-mortem: the item's address
  std::string title;
  std::string owner;  // a username
  Timestamp due;
  std::optional<Timestamp> done_at;
  std::optional<Timestamp> overdue_notified_at;  // the owner was told it is overdue
};

struct PostMortem {
  std::vector<TimelineEntry> timeline;
  // In words. The numbers (candidates affected, their delay) come from the incident's tickets
  // (incident.hpp: incident_impact), so they cannot disagree with the records.
  std::string impact;
  std::string root_cause;
  std::vector<std::string> contributing_factors;
  std::vector<ActionItem> action_items;
  std::string written_by;
  Timestamp updated_at;
};

// The shape of a post-mortem as written: timeline entries with an event, factors and action
// items with their text, owner and due time. Errors name the field ("action_items[1].owner").
std::vector<FieldError> validate_postmortem(const PostMortem& postmortem);

// What a post-mortem still lacks before the incident may close: a timeline, the impact and the
// root cause. Empty when it is complete.
std::vector<FieldError> postmortem_gaps(const PostMortem& postmortem);

// Numbers the action items 1, 2, … in order, carrying over done_at and the overdue mark of an
// item of `previous` with the same number, title and owner: rewriting a post-mortem keeps its
// progress.
void number_action_items(PostMortem& postmortem, const std::optional<PostMortem>& previous);

// Whether the item's owner is to hear now that it is overdue: not done, past its due time, and
// not told yet.
bool needs_overdue_notice(const ActionItem& item, Timestamp now);

// Items not done yet.
std::int64_t pending_action_items(const PostMortem& postmortem);

}  // namespace snag
