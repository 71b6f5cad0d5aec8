#include <snag/domain/ats/ats_policy.hpp>

#include <algorithm>
#include <cmath>

namespace snag {

Timestamp next_attempt_at(const AtsPolicy& policy, int attempt, Timestamp now, double jitter) {
  const double base = static_cast<double>(policy.retry_base.count());
  const double cap = static_cast<double>(policy.retry_max.count());
  const double doubled = base * std::pow(2.0, std::clamp(attempt - 1, 0, 30));
  const double spread = 0.8 + 0.4 * std::clamp(jitter, 0.0, 1.0);  // ±20%
  const double seconds = std::min(doubled, cap) * spread;
  return now + std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

}  // namespace snag
