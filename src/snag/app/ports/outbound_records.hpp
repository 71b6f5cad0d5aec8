#pragma once
// What the Store keeps for outgoing webhooks (see integrations/outbound/): subscriptions, the
// vendors' attestations (domain/outbound/), and the outbox of messages waiting to go out.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <snag/domain/outbound/attestation.hpp>
#include <snag/domain/outbound/subscription.hpp>
#include <snag/util/time.hpp>

namespace snag {

// A message for one subscription, its body already filtered by the subscription's allowlist.
struct NewOutboxMessage {
  SubscriptionId subscription;
  std::string event_type;  // ticket.created, ticket.changed, ticket.resolved
  std::string message_id;  // the webhook-id: the same on every attempt
  std::string payload;     // the JSON body, exactly as it is signed and sent
  Timestamp created_at;
};

// queued → leased → done; a failed attempt queues it again, or makes it dead after its last;
// blocked when its destination had no current attestation (nothing was sent). done, dead and
// blocked are final.
enum class OutboxState { queued, leased, done, dead, blocked };

inline std::string_view to_string(OutboxState state) {
  switch (state) {
    case OutboxState::queued: return "queued";
    case OutboxState::leased: return "leased";
    case OutboxState::done: return "done";
    case OutboxState::dead: return "dead";
    case OutboxState::blocked: return "blocked";
  }
  return "queued";
}

struct OutboxMessage {
  OutboxId id;
  SubscriptionId subscription;
  std::string event_type;
  std::string message_id;
  std::string payload;
  OutboxState state = OutboxState::queued;
  Timestamp run_at;
  int attempts = 0;  // counting the one in progress while leased
  std::optional<std::string> last_error;
  Timestamp created_at;
  std::optional<Timestamp> finished_at;
  // Set while leased: only the holder of the token may finish it.
  std::string lease_token;
};

// Per subscription, for GET /api/v1/subscriptions: how its deliveries are doing.
struct OutboxStats {
  SubscriptionId subscription;
  std::int64_t pending = 0;  // queued or leased
  std::int64_t done = 0;
  std::int64_t dead = 0;
  std::int64_t blocked = 0;
  std::optional<Timestamp> last_done_at;
};

}  // namespace snag
