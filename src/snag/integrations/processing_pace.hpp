#pragma once
// How the inbox processor shares the one writer with webhook intake. Both go through the same
// group-commit writer, and an ATS waits for each delivery's 2xx while nobody waits for its
// processing. So while deliveries keep arriving, the processor pauses between rounds and takes
// only a share of the writer; once intake has been quiet for a moment it runs flat out again.
// The share is never zero: a flood slows processing down but cannot stop it.

#include <chrono>
#include <cstdint>

namespace snag {

struct ProcessingPace {
  // Intake counts as busy while its last delivery is at most this old.
  std::chrono::milliseconds busy_for = std::chrono::milliseconds(50);
  // While intake is busy: the part of the time the processor spends applying rounds, the rest
  // pausing. 0.25 means a pause of three times what the round took.
  double busy_share = 0.25;
  // The longest single pause, so that a round slowed down by a queue behind intake is not
  // punished with a pause three times as long.
  std::chrono::milliseconds longest_pause = std::chrono::milliseconds(250);
};

// How often, and for how long in all, a processor has given way to intake (GET /metrics).
struct ProcessingPauses {
  std::uint64_t count = 0;
  std::chrono::nanoseconds total{};
};

// The pause before the next round, given how long ago intake stored its last delivery (nothing
// stored yet counts as quiet) and how long the round just applied took. Zero when intake is quiet.
std::chrono::nanoseconds pause_before_next_round(const ProcessingPace& pace,
                                                 std::chrono::nanoseconds since_last_delivery,
                                                 std::chrono::nanoseconds round_took);

}  // namespace snag
