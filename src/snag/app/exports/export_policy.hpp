#pragma once
// The `exports:` section of the configuration: whether data may leave Snag as CSV or PDF at all
// (regulated environments turn it off), how large one export may be, and how many candidates
// each combination of the vendor feedback export must cover when the request names no k.

#include <cstddef>

namespace snag {

struct ExportPolicy {
  bool enabled = true;
  std::size_t max_rows = 100000;  // a larger export is refused: narrow the filters
  std::size_t vendor_feedback_k = 5;  // domain/compliance/k_anonymity.hpp: 1 to k_max_anonymity_k
};

}  // namespace snag
