#pragma once
// The Pareto view of the issue types: which few types make most of the count, or most of the
// candidate delay. Pure: the store sums per type, this ranks and accumulates.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace snag {

// What the cut marks: the first item whose cumulative share reaches it.
inline constexpr double k_pareto_cut_share = 0.8;

struct ParetoInput {
  std::string type;
  double value = 0;  // tickets, or candidate delay hours; never negative
};

struct ParetoItem {
  std::string type;
  double value = 0;
  double share = 0;             // of the total; 0 when the total is 0
  double cumulative_share = 0;  // this item's and every higher-ranked item's share
};

struct Pareto {
  std::vector<ParetoItem> items;         // by value, largest first; ties by type, for a stable order
  std::optional<std::size_t> cut_index;  // nullopt when no item reaches the cut (no items, or all 0)
};

Pareto rank_pareto(std::vector<ParetoInput> inputs, double cut_share = k_pareto_cut_share);

}  // namespace snag
