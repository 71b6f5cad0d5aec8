#include <algorithm>

#include <snag/integrations/processing_pace.hpp>

namespace snag {

std::chrono::nanoseconds pause_before_next_round(const ProcessingPace& pace,
                                                 std::chrono::nanoseconds since_last_delivery,
                                                 std::chrono::nanoseconds round_took) {
  if (since_last_delivery > pace.busy_for || pace.busy_share >= 1.0) return {};
  // A share of zero would starve processing: it is read as the smallest share there is, the
  // longest pause after every round.
  if (pace.busy_share <= 0.0) return pace.longest_pause;
  const auto pause =
      std::chrono::duration_cast<std::chrono::nanoseconds>(round_took * ((1.0 - pace.busy_share) / pace.busy_share));
  return std::clamp<std::chrono::nanoseconds>(pause, std::chrono::nanoseconds::zero(), pace.longest_pause);
}

}  // namespace snag
