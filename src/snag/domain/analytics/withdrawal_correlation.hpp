#pragma once
// Does a kind of problem drive candidates away? For each issue type, the withdrawal rate of the
// candidates who had a ticket of that type against the rate of those who had none, with a 95%
// confidence interval for the difference. Correlation, not cause: a type that comes with late
// stages (offers) also meets the candidates most likely to weigh other offers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace snag {

// How many candidates there are, and how many of them withdrew.
struct WithdrawalTally {
  std::int64_t candidates = 0;
  std::int64_t withdrawn = 0;
  std::optional<double> rate() const;
};

// What the store counts: the candidates in the period, and per issue type those among them with
// at least one ticket of the type. A candidate counts once per type however many tickets it had.
struct WithdrawalCounts {
  WithdrawalTally all;
  struct ByType {
    std::string type;
    WithdrawalTally with_type;
  };
  std::vector<ByType> by_type;
};

struct RateInterval {
  double low = 0;
  double high = 0;
};

struct WithdrawalCorrelation {
  std::string type;
  WithdrawalTally with_type;
  WithdrawalTally without_type;
  // The rate with minus the rate without; absent while either group is empty.
  std::optional<double> difference;
  std::optional<RateInterval> difference_interval;
  // The interval lies wholly above or below zero.
  bool significant = false;
};

// Wilson's score interval of withdrawn/candidates at 95%; absent for no candidates.
std::optional<RateInterval> wilson_interval(const WithdrawalTally& tally);

// One row per type in `counts`, the largest difference first (then by type). The interval of the
// difference is Newcombe's hybrid score interval, built from the two Wilson intervals: unlike the
// textbook normal approximation it stays inside [-1, 1] and holds up for the small counts a
// single issue type often has.
std::vector<WithdrawalCorrelation> correlate_withdrawals(const WithdrawalCounts& counts);

}  // namespace snag
