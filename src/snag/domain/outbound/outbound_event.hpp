#pragma once
// From the journal to outgoing webhook messages: which event a ticket change is, which
// subscriptions get it, and what the message says. Pure.
//
// A message body follows the Standard Webhooks payload structure:
//   {"type": "ticket.changed", "timestamp": "<RFC 3339 of the change>",
//    "data": {"ticket": {…allowed fields…}, "changed_fields": ["status", …]}}
// data.ticket is the ticket filtered by the subscription's allowlist; changed_fields lists the
// dotted paths of what the change touched, also only those on the allowlist (a name can say
// more than one thinks: "fields.pregnancy_leave"). ticket.created has no changed_fields.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/journal.hpp>
#include <snag/domain/outbound/subscription.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/domain/workflow.hpp>

namespace snag {

// One change of one ticket: the journal entries that share an event number.
struct TicketChange {
  std::int64_t seq = 0;  // the seq of its last entry
  TicketId ticket;
  std::string action;  // create, update, transition, comment
  Timestamp at;
  std::vector<FieldChange> changes;  // a creation's snapshot expanded into its fields
};

// Groups entries (in seq order) by event number. The last group is returned as it is: the
// caller makes sure it is whole (an event's entries commit together).
std::vector<TicketChange> group_ticket_changes(const std::vector<JournalEntry>& entries);

// ticket.created for a creation; ticket.resolved when the status moved from one that is not
// done into one that is (in `workflow`, the ticket type's); ticket.changed otherwise. Without
// a workflow (a type the catalog no longer has) a status change is a plain change.
std::string_view outbound_event_type(const TicketChange& change, const Workflow* workflow);

// The message type a subscription receives for an event of `event_type`, if any: a resolution
// is sent as ticket.resolved to those who asked for it, otherwise as ticket.changed to those
// who asked for changes, so that it is never sent twice.
std::optional<std::string_view> event_for_subscription(std::string_view event_type, const Subscription& subscription);

// The dotted paths whose values differ between old and new of each change ("status",
// "candidate.external_id", "fields.visa_status"); "comment" for a comment.
std::vector<std::string> changed_paths(const std::vector<FieldChange>& changes);

// The message body described above.
std::string webhook_payload(std::string_view event_type, Timestamp at, const Ticket& ticket,
                            const std::vector<std::string>& changed, const std::set<std::string>& allowlist);

// The webhook-id of the message for change `seq` to a subscription: the same on every retry,
// so receivers can drop a repeat.
std::string outbound_message_id(std::int64_t seq, SubscriptionId subscription);

}  // namespace snag
