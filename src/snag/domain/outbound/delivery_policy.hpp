#pragma once
// What happens when an outgoing webhook fails: the message is retried with exponential backoff
// and jitter until it runs out of attempts (then it is dead), and a destination that keeps
// failing is disabled, so that an endpoint gone for good stops costing attempts and its queue
// stops growing. Pure: the time and the random draw are parameters.

#include <chrono>
#include <optional>

#include <snag/util/time.hpp>

namespace snag {

struct DeliveryPolicy {
  int max_attempts = 8;  // per message; attempt 8 failing makes it dead
  std::chrono::milliseconds base_delay{std::chrono::seconds(30)};
  std::chrono::milliseconds max_delay{std::chrono::hours(1)};
  // Failed attempts in a row, over all of a subscription's messages, that disable it. Any
  // success resets the count.
  int disable_after_failures = 24;
};

// The wait after failed attempt `attempt` (1 for the first): base_delay * 2^(attempt - 1),
// capped at max_delay, of which the upper half is scaled by `jitter` (clamped to [0, 1)). Half
// stays fixed so that a retry never comes right away; the other half spreads the retries of
// many messages that failed together (a destination's outage) instead of sending them as one
// burst when it comes back.
std::chrono::milliseconds retry_delay(const DeliveryPolicy& policy, int attempt, double jitter);

struct FailedAttempt {
  std::optional<Timestamp> retry_at;  // nullopt: out of attempts, the message is dead
  bool disable_subscription = false;
};

// After attempt `attempt` of a message failed at `now`, with `consecutive_failures` failed
// attempts in a row for its subscription counting this one.
FailedAttempt after_failed_attempt(const DeliveryPolicy& policy, int attempt, int consecutive_failures, Timestamp now,
                                   double jitter);

// Whether `consecutive_failures` failed attempts in a row disable a subscription.
bool should_disable(const DeliveryPolicy& policy, int consecutive_failures);

}  // namespace snag
