#include <algorithm>

#include <snag/domain/analytics/pareto.hpp>

namespace snag {

Pareto rank_pareto(std::vector<ParetoInput> inputs, double cut_share) {
  std::sort(inputs.begin(), inputs.end(), [](const ParetoInput& a, const ParetoInput& b) {
    return a.value != b.value ? a.value > b.value : a.type < b.type;
  });
  double total = 0;
  for (const auto& input : inputs) total += input.value;
  Pareto pareto;
  double running = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    running += inputs[i].value;
    ParetoItem item;
    item.type = std::move(inputs[i].type);
    item.value = inputs[i].value;
    if (total > 0) {
      item.share = item.value / total;
      // The last item closes at exactly 1: summing shares would leave it a rounding short.
      item.cumulative_share = i + 1 == inputs.size() ? 1.0 : running / total;
    }
    if (!pareto.cut_index && total > 0 && item.cumulative_share >= cut_share) pareto.cut_index = i;
    pareto.items.push_back(std::move(item));
  }
  return pareto;
}

}  // namespace snag
