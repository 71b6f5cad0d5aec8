#pragma once
// The `exports:` section of the configuration: whether data may leave Snag as CSV or PDF at all
// (regulated environments turn it off), and how large one export may be.

#include <cstddef>

namespace snag {

struct ExportPolicy {
  bool enabled = true;
  std::size_t max_rows = 100000;  // a larger export is refused: narrow the filters
};

}  // namespace snag
