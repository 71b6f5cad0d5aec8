#include <algorithm>
#include <cmath>

#include <snag/domain/analytics/withdrawal_correlation.hpp>

namespace snag {
namespace {

constexpr double k_z95 = 1.959963984540054;

}  // namespace

std::optional<double> WithdrawalTally::rate() const {
  if (candidates <= 0) return std::nullopt;
  return static_cast<double>(withdrawn) / static_cast<double>(candidates);
}

std::optional<RateInterval> wilson_interval(const WithdrawalTally& tally) {
  const auto rate = tally.rate();
  if (!rate) return std::nullopt;
  const double n = static_cast<double>(tally.candidates);
  const double z2 = k_z95 * k_z95;
  const double denominator = 1 + z2 / n;
  const double centre = (*rate + z2 / (2 * n)) / denominator;
  const double half = k_z95 / denominator * std::sqrt(*rate * (1 - *rate) / n + z2 / (4 * n * n));
  return RateInterval{std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::vector<WithdrawalCorrelation> correlate_withdrawals(const WithdrawalCounts& counts) {
  std::vector<WithdrawalCorrelation> rows;
  for (const auto& type : counts.by_type) {
    WithdrawalCorrelation row;
    row.type = type.type;
    row.with_type = type.with_type;
    row.without_type = {counts.all.candidates - type.with_type.candidates,
                        counts.all.withdrawn - type.with_type.withdrawn};
    const auto with_rate = row.with_type.rate();
    const auto without_rate = row.without_type.rate();
    if (with_rate && without_rate) {
      const double difference = *with_rate - *without_rate;
      const RateInterval with_interval = *wilson_interval(row.with_type);
      const RateInterval without_interval = *wilson_interval(row.without_type);
      row.difference = difference;
      row.difference_interval =
          RateInterval{difference - std::hypot(*with_rate - with_interval.low, without_interval.high - *without_rate),
                       difference + std::hypot(with_interval.high - *with_rate, *without_rate - without_interval.low)};
      row.significant = row.difference_interval->low > 0 || row.difference_interval->high < 0;
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const WithdrawalCorrelation& a, const WithdrawalCorrelation& b) {
    const double a_difference = a.difference.value_or(-2);
    const double b_difference = b.difference.value_or(-2);
    if (a_difference != b_difference) return a_difference > b_difference;
    return a.type < b.type;
  });
  return rows;
}

}  // namespace snag
