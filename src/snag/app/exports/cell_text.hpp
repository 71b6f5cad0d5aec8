#pragma once
// How numbers read in an export's cells, the same in every table.

#include <array>
#include <cstdio>
#include <optional>
#include <string>

namespace snag {

// 12.5
inline std::string one_decimal(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.1f", value);
  return text.data();
}

// 12.5% for 0.125.
inline std::string percent_text(double fraction) { return one_decimal(fraction * 100.0) + "%"; }

// `absent` stands for a measure that has no value (no resolved tickets, no candidates).
inline std::string optional_percent(const std::optional<double>& fraction, const std::string& absent) {
  return fraction ? percent_text(*fraction) : absent;
}
inline std::string optional_decimal(const std::optional<double>& value, const std::string& absent) {
  return value ? one_decimal(*value) : absent;
}

}  // namespace snag
