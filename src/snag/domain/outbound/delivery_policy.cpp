#include <algorithm>

#include <snag/domain/outbound/delivery_policy.hpp>

namespace snag {

std::chrono::milliseconds retry_delay(const DeliveryPolicy& policy, int attempt, double jitter) {
  const std::int64_t base = std::max<std::int64_t>(policy.base_delay.count(), 1);
  const std::int64_t cap = std::max<std::int64_t>(policy.max_delay.count(), base);
  // Doubling stops at the cap, so the shift never overflows however many attempts there were.
  std::int64_t delay = base;
  for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  const double spread = std::clamp(jitter, 0.0, 1.0 - 1e-9);
  const std::int64_t fixed = delay / 2;
  return std::chrono::milliseconds(fixed + static_cast<std::int64_t>(static_cast<double>(delay - fixed) * spread));
}

bool should_disable(const DeliveryPolicy& policy, int consecutive_failures) {
  return consecutive_failures >= std::max(policy.disable_after_failures, 1);
}

FailedAttempt after_failed_attempt(const DeliveryPolicy& policy, int attempt, int consecutive_failures, Timestamp now,
                                   double jitter) {
  FailedAttempt outcome;
  outcome.disable_subscription = should_disable(policy, consecutive_failures);
  // A disabled subscription sends nothing more, so its message has no retry to wait for.
  if (attempt < policy.max_attempts && !outcome.disable_subscription) {
    outcome.retry_at = now + retry_delay(policy, attempt, jitter);
  }
  return outcome;
}

}  // namespace snag
