#pragma once
// A subscription is one destination of outgoing webhooks: where ticket events are POSTed, the
// Standard Webhooks secret they are signed with, the third-party vendor that runs the endpoint
// (whose security attestations decide whether it may receive anything, attestation.hpp), the
// events it wants and the ticket fields it may see (field_allowlist.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/util/error.hpp>
#include <snag/util/strong_id.hpp>
#include <snag/util/time.hpp>

namespace snag {

using SubscriptionId = StrongId<struct SubscriptionIdTag>;
using OutboxId = StrongId<struct OutboxIdTag>;

// The events a subscription may ask for. A resolution is also a change: a subscription that
// wants both gets one message of the more specific type (outbound_event.hpp).
inline constexpr std::string_view k_ticket_created_event = "ticket.created";
inline constexpr std::string_view k_ticket_changed_event = "ticket.changed";
inline constexpr std::string_view k_ticket_resolved_event = "ticket.resolved";
inline constexpr std::string_view k_outbound_events[] = {k_ticket_created_event, k_ticket_changed_event,
                                                         k_ticket_resolved_event};

struct Subscription {
  SubscriptionId id;
  std::string name;
  std::string url;     // http:// or https://
  std::string secret;  // whsec_<base64>: never logged, never returned after creation
  std::string vendor;  // the vendor_attestations row that must be current
  std::vector<std::string> events;
  std::vector<std::string> field_allowlist;
  int consecutive_failures = 0;  // failed attempts since the last success
  std::optional<Timestamp> disabled_at;
  Timestamp created_at;

  bool wants(std::string_view event_type) const;
  bool enabled() const { return !disabled_at.has_value(); }
};

// Checks name, url, vendor and events of a subscription as it arrives in a request (the secret
// and the allowlist have their own checks); an empty result means they may be stored.
std::vector<FieldError> validate_subscription(const Subscription& subscription);

// A vendor code: 1 to 64 of a-z, 0-9, '_' and '-', as it appears in /api/v1/vendors/{vendor}.
bool is_vendor_code(std::string_view vendor);

}  // namespace snag
